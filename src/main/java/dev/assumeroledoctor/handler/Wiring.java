package dev.assumeroledoctor.handler;

import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.DiagnosisSink;
import dev.assumeroledoctor.notify.JiraSink;
import dev.assumeroledoctor.notify.OpsItemSink;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.notify.StdoutSink;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.watch.ChangeWatch;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import dev.assumeroledoctor.awsjson.AwsJsonApi;

/** Builds the function's collaborators from its configuration, once per container. */
final class Wiring {
    private Wiring() {
    }

    static DiagnosisService service(HandlerConfig config, Optional<LiveInspector> inspector) {
        if (config.offlineSnapshot().isPresent()) {
            Snapshot snapshot = SnapshotFiles.loadDirectory(config.offlineSnapshot().get());
            return new DiagnosisService(e -> snapshot);
        }
        LiveInspector live = inspector.orElseThrow();
        return new DiagnosisService(live, live::selfEvent);
    }

    static Optional<LiveInspector> inspector(HandlerConfig config) {
        if (config.offlineSnapshot().isPresent()) {
            return Optional.empty();
        }
        InspectorConfig defaults = InspectorConfig.defaults(Region.of(config.region()));
        return Optional.of(new LiveInspector(new InspectorConfig(defaults.region(), defaults.credentials(), config.inspectorRoleName(),
                config.organizationRoleArn(), defaults.endpoints(), config.cacheTtl(), defaults.callTimeout(), defaults.concurrency(),
                List.of(), config.organizationId())));
    }

    /** The change watch: live only, over CloudTrail's event history in the configured regions. */
    static Optional<ChangeWatch> watch(HandlerConfig config, Optional<LiveInspector> inspector) {
        return inspector.map(live -> new ChangeWatch(live.history(config.historyRegions()), live,
                new ChangeWatch.Limits(config.historyLookback(), ChangeWatch.Limits.defaults().maxAccounts(),
                        ChangeWatch.Limits.defaults().maxPaths()), Clock.systemUTC(), HISTORY_READERS));
    }

    /** A diagnosis's recent history (last success, what changed): live only, beside the IAM reads. */
    static Optional<DiagnosisHistory> history(HandlerConfig config, Optional<LiveInspector> inspector) {
        return inspector.map(live -> new DiagnosisHistory(live.history(config.historyRegions()), live, config.historyLookback(),
                Clock.systemUTC(), HISTORY_READERS));
    }

    /* Five accounts' histories read at once: 25 accounts of an SCP change fit well inside the function's 60 s. */
    private static final java.util.concurrent.ExecutorService HISTORY_READERS = java.util.concurrent.Executors.newFixedThreadPool(5, r -> {
        Thread thread = new Thread(r, "history-reader");
        thread.setDaemon(true);
        return thread;
    });

    static DiagnosisDelivery delivery(HandlerConfig config) {
        Region region = Region.of(config.region());
        List<DiagnosisSink> sinks = new ArrayList<>();
        AwsJsonApi[] ssm = {null};
        for (String target : config.targets()) {
            switch (target) {
                case "sns" -> sinks.add(new SnsSink(bounded(SnsClient.builder(), region), config.topicArn().orElseThrow()));
                case "opsitem" -> sinks.add(new OpsItemSink(ssm(region, ssm)));
                case "jira" -> {
                    AwsJsonApi client = ssm(region, ssm);
                    String parameter = config.jiraCredentialsParameter().orElseThrow();
                    sinks.add(new JiraSink(config.jiraBaseUrl().orElseThrow(), config.jiraProjectKey().orElseThrow(), config.jiraIssueType(),
                            () -> client.call("GetParameter", dev.assumeroledoctor.json.Json.mapper().createObjectNode().put("Name", parameter)
                                    .put("WithDecryption", true)).path("Parameter").path("Value").asText()));
                }
                case "stdout" -> sinks.add(new StdoutSink(System.out));
                default -> throw new IllegalArgumentException("DELIVERY_TARGETS: unknown target " + target);
            }
        }
        Optional<DeliveryLedger> ledger = config.suppressionTable().map(table -> new DeliveryLedger(json(AwsJsonApi.DYNAMODB, region), table,
                config.suppressionWindow(), config.deliveryLease(), Clock.systemUTC()));
        return new DiagnosisDelivery(sinks, ledger);
    }

    /*
     * Every delivery call is bounded: an attempt that hangs is cut after ATTEMPT and retried with
     * the SDK's standard backoff (throttling included), the whole call after CALL, so the three
     * targets and the ledger fit inside the function's 60 s with room to give the lease back.
     */
    static final java.time.Duration ATTEMPT = java.time.Duration.ofSeconds(3);
    static final java.time.Duration CALL = java.time.Duration.ofSeconds(8);

    static <B extends software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C bounded(B builder, Region region) {
        return builder.region(region).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD)
                        .apiCallAttemptTimeout(ATTEMPT).apiCallTimeout(CALL)).build();
    }

    private static AwsJsonApi ssm(Region region, AwsJsonApi[] holder) {
        if (holder[0] == null) {
            holder[0] = json(AwsJsonApi.SSM, region);
        }
        return holder[0];
    }

    /* A JSON-protocol client bounded as the SDK clients are: attempts cut after ATTEMPT, the call after CALL. */
    private static AwsJsonApi json(AwsJsonApi.Service service, Region region) {
        return new AwsJsonApi(service, UrlConnectionHttpClient.builder().socketTimeout(ATTEMPT).connectionTimeout(ATTEMPT).build(),
                software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build(), region.id(),
                service.endpoint(region.id(), System.getenv()), CALL);
    }
}
