package dev.assumeroledoctor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.DiagnosisSink;
import dev.assumeroledoctor.notify.JiraSink;
import dev.assumeroledoctor.notify.OpsItemSink;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.notify.StdoutSink;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.WatchParts;
import dev.assumeroledoctor.fanout.PartQueue;
import dev.assumeroledoctor.fanout.PartStore;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import dev.assumeroledoctor.watch.ChangeWatch;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Builds the function's collaborators from its configuration, once per container. */
final class Wiring {
    private Wiring() {
    }

    /** What a handler needs: the pipeline, the watch's parts (with the watch queue), and the live inspector the context identifies. */
    record Built(EventPipeline pipeline, Optional<WatchParts> parts, Optional<LiveInspector> inspector) {
    }

    static Built build(HandlerConfig config) {
        Optional<LiveInspector> inspector = inspector(config);
        DiagnosisDelivery delivery = delivery(config);
        Optional<ChangeWatch> watch = watch(config, inspector);
        Optional<WatchParts> parts = parts(config, watch, delivery);
        return new Built(new EventPipeline(service(config, inspector), delivery, history(config, inspector),
                new ChangeEvents(watch, inspector, delivery, parts)), parts, inspector);
    }

    /* A change reaching several accounts goes to the watch queue in parts, gathered in the ledger's table: both must be configured. */
    private static Optional<WatchParts> parts(HandlerConfig config, Optional<ChangeWatch> watch, DiagnosisDelivery delivery) {
        if (watch.isEmpty() || config.watchQueueUrl().isEmpty() || config.suppressionTable().isEmpty()) {
            return Optional.empty();
        }
        Region region = Region.of(config.region());
        return Optional.of(new WatchParts(watch.get(), new PartQueue(bounded(SqsClient.builder(), region), config.watchQueueUrl().get()),
                new PartStore(bounded(DynamoDbClient.builder(), region), config.suppressionTable().get(), Clock.systemUTC()), delivery,
                config.watchDeadline()));
    }

    /** The function's own account and name, from the context of the invocation. */
    static void identify(Optional<LiveInspector> inspector, Context context) {
        if (context != null && context.getInvokedFunctionArn() != null && context.getFunctionName() != null) {
            inspector.ifPresent(i -> i.identify(context.getInvokedFunctionArn(), context.getFunctionName()));
        }
    }

    static DiagnosisService service(HandlerConfig config, Optional<LiveInspector> inspector) {
        if (config.offlineSnapshot().isPresent()) {
            Snapshot snapshot = SnapshotFiles.loadDirectory(config.offlineSnapshot().get());
            return new DiagnosisService(e -> snapshot);
        }
        LiveInspector live = inspector.orElseThrow();
        return new DiagnosisService(live, live::selfEvent).withIac(iac(config, live));
    }

    /** Which stack defines each patched resource, read in its account (DescribeStackResources, GetTemplate). */
    static dev.assumeroledoctor.iac.IacPlanner iac(HandlerConfig config, LiveInspector live) {
        return new dev.assumeroledoctor.iac.IacPlanner(live.stacks(config.iac().stackRegions()), config.iac().tagKeys());
    }

    static Optional<LiveInspector> inspector(HandlerConfig config) {
        if (config.offlineSnapshot().isPresent()) {
            return Optional.empty();
        }
        InspectorConfig defaults = InspectorConfig.defaults(Region.of(config.region()));
        LiveInspector live = new LiveInspector(new InspectorConfig(defaults.region(), defaults.credentials(), config.inspectorRoleName(),
                config.organizationRoleArn(), defaults.endpoints(), config.cacheTtl(), defaults.callTimeout(), defaults.concurrency(),
                List.of(), config.organizationId()));
        // with the ledger's table, CloudTrail's rate per account and region is kept across every container
        config.suppressionTable().ifPresent(table -> live.shareLookupPacing(bounded(DynamoDbClient.builder(), Region.of(config.region())), table));
        return Optional.of(live);
    }

    /** The change watch: live only, over CloudTrail's event history in the configured regions. */
    static Optional<ChangeWatch> watch(HandlerConfig config, Optional<LiveInspector> inspector) {
        // with the organization trail in Athena, successes come from one query per account; LookupEvents otherwise
        return inspector.map(live -> new ChangeWatch(config.athena().map(a -> live.athenaHistory(a.workgroup(), a.database(), a.table(),
                config.historyRegions())).orElseGet(() -> live.history(config.historyRegions())), live,
                new ChangeWatch.Limits(config.historyLookback()), Clock.systemUTC(), HISTORY_READERS)
                // each part keeps the state it evaluated: the gatherer renders the warning without a second pass of IAM reads
                .withEvidence(live::inspect)
                // and names the stack that defines each patched resource (for the newest broken paths)
                .withIac(iac(config, live)));
    }

    /** A diagnosis's recent history (last success, what changed): live only, beside the IAM reads, shared per role in a warm container. */
    static Optional<DiagnosisHistory> history(HandlerConfig config, Optional<LiveInspector> inspector) {
        return inspector.map(live -> new DiagnosisHistory(live.sharedHistory(config.historyRegions()), live, config.historyLookback(),
                Clock.systemUTC(), HISTORY_READERS));
    }

    /* Five accounts' histories read at once: 25 accounts of an SCP change fit well inside the function's 60 s. */
    private static final ExecutorService HISTORY_READERS = Executors.newFixedThreadPool(5, r -> {
        Thread thread = new Thread(r, "history-reader");
        thread.setDaemon(true);
        return thread;
    });

    static DiagnosisDelivery delivery(HandlerConfig config) {
        Region region = Region.of(config.region());
        List<DiagnosisSink> sinks = new ArrayList<>();
        SsmClient[] ssm = {null};
        for (String target : config.targets()) {
            switch (target) {
                case "sns" -> sinks.add(new SnsSink(bounded(SnsClient.builder().overrideConfiguration(o -> o.retryStrategy(SnsSink.retryStrategy())),
                        region), config.topicArn().orElseThrow()));
                case "opsitem" -> sinks.add(new OpsItemSink(ssm(region, ssm)));
                case "jira" -> {
                    SsmClient client = ssm(region, ssm);
                    String parameter = config.jiraCredentialsParameter().orElseThrow();
                    sinks.add(new JiraSink(config.jiraBaseUrl().orElseThrow(), config.jiraProjectKey().orElseThrow(), config.jiraIssueType(),
                            () -> client.getParameter(r -> r.name(parameter).withDecryption(true)).parameter().value()));
                }
                case "stdout" -> sinks.add(new StdoutSink(System.out));
                default -> throw new IllegalArgumentException("DELIVERY_TARGETS: unknown target " + target);
            }
        }
        Optional<DeliveryLedger> ledger = config.suppressionTable().map(table -> new DeliveryLedger(bounded(DynamoDbClient.builder(), region),
                table, config.suppressionWindow(), config.deliveryLease(), Clock.systemUTC()));
        return new DiagnosisDelivery(sinks, ledger);
    }

    /*
     * Every delivery call is bounded: an attempt that hangs is cut after ATTEMPT and retried with
     * the SDK's standard backoff (throttling included), the whole call after CALL, so the three
     * targets and the ledger fit inside the function's 60 s with room to give the lease back.
     * The delivery clients share one HTTP client, and every SDK client of the function one scheduler for those timeouts.
     */
    static final Duration ATTEMPT = Duration.ofSeconds(3);
    static final Duration CALL = Duration.ofSeconds(8);
    /* Built on first use (a holder class): an offline function with stdout delivery never loads the HTTP client and its trust store. */
    private static final class Http {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder().socketTimeout(ATTEMPT).connectionTimeout(ATTEMPT).build();
    }

    static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C bounded(B builder, Region region) {
        // a retry strategy the builder already has (SNS's) is kept; the others retry as the SDK's standard mode does
        var given = builder.overrideConfiguration().retryStrategy();
        return builder.region(region).httpClient(Http.CLIENT).overrideConfiguration(o -> {
            if (given.isPresent()) {
                o.retryStrategy(given.get());
            } else {
                o.retryStrategy(RetryMode.STANDARD);
            }
            o.scheduledExecutorService(dev.assumeroledoctor.inspect.SdkTimeouts.scheduler()).apiCallAttemptTimeout(ATTEMPT).apiCallTimeout(CALL);
        }).build();
    }

    private static SsmClient ssm(Region region, SsmClient[] holder) {
        if (holder[0] == null) {
            holder[0] = bounded(SsmClient.builder(), region);
        }
        return holder[0];
    }
}
