package dev.assumeroledoctor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.OpsItemSink;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SnapStart priming of the AWS side, with no AWS call: every SDK client the function uses (STS,
 * IAM, Organizations through a whole live inspection; CloudFormation for where a patched resource
 * is defined; SNS, and the JSON-protocol calls of the delivery: SSM and DynamoDB) runs once against a loopback endpoint that answers as AWS would, so class loading,
 * marshallers, signers and the HTTP client are initialised in the snapshot instead of on the
 * first event. The clients built here are thrown away; the function's own are built as usual.
 */
final class SdkPriming {
    private static final StaticCredentialsProvider PRIMING = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private SdkPriming() {
    }

    /**
     * What priming did: how many requests the loopback endpoint answered, and the sample's report
     * with the stack that defines its patched user (so a test sees the CloudFormation path ran whole).
     */
    record Primed(int answered, dev.assumeroledoctor.report.Report.Diagnosed withIac) {
    }

    static Primed prime(JsonNode sampleEvent) throws IOException {
        try (LoopbackAws local = LoopbackAws.start()) {
            URI endpoint = local.uri();
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, PRIMING, Optional.of("priming-inspector"),
                    Optional.of("arn:aws:iam::999999999999:role/priming-organizations"), Map.of("*", endpoint), Duration.ofMinutes(1),
                    Duration.ofSeconds(5), 4, List.of()));
            inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:priming", "priming");
            inspector.inspect(((ParsedEvent.Applicable) EventParser.parse(sampleEvent)).event());
            // the history's LookupEvents, on the inspector's own CloudTrail client (adaptive retry)
            inspector.history(List.of("us-east-1")).successes("123456789012", java.time.Instant.now().minus(Duration.ofHours(1)));
            // the whole delivery as a diagnosis takes it: the ledger's DynamoDB calls, SNS, OpsCenter, the Jira credentials read
            SsmClient ssm = Wiring.bounded(SsmClient.builder().endpointOverride(endpoint).credentialsProvider(PRIMING), Region.US_EAST_1);
            DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(
                    new SnsSink(Wiring.bounded(SnsClient.builder().endpointOverride(endpoint).credentialsProvider(PRIMING), Region.US_EAST_1),
                            "arn:aws:sns:us-east-1:123456789012:priming"), new OpsItemSink(ssm)),
                    Optional.of(new DeliveryLedger(Wiring.bounded(DynamoDbClient.builder().endpointOverride(endpoint).credentialsProvider(PRIMING),
                            Region.US_EAST_1), "priming", Duration.ofHours(1), Duration.ofMinutes(1), java.time.Clock.systemUTC())));
            // the pipeline as an event takes it: the redelivery and repeat checks, the request signature, the diagnosis, the
            // delivery and the outcome's log line (the JSON layout's first event), on the offline sample
            new EventPipeline(Priming.offline(), delivery, Optional.empty(), new ChangeEvents(Optional.empty(), Optional.empty(), delivery))
                    .handle(Json.compact(sampleEvent).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ssm.getParameter(r -> r.name("/priming").withDecryption(true));
            // where the patched user is defined: CloudFormation through the inspector role, the template read and patched, its renderings
            dev.assumeroledoctor.report.Report.Diagnosed report = (dev.assumeroledoctor.report.Report.Diagnosed) Priming.offline().withIac(new dev.assumeroledoctor.iac.IacPlanner(
                    inspector.stacks(List.of("us-east-1")), dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS)).diagnose(sampleEvent);
            Json.compact(dev.assumeroledoctor.report.JsonReport.render(report));
            dev.assumeroledoctor.report.TextReport.render(report);
            return new Primed(local.answered(), report);
        }
    }
}
