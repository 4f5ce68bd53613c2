package dev.assumeroledoctor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.awsjson.AwsJsonApi;
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
 * IAM, Organizations through a whole live inspection; SNS, and the JSON-protocol calls of the
 * delivery: SSM and DynamoDB) runs once against a loopback endpoint that answers as AWS would, so class loading,
 * marshallers, signers and the HTTP client are initialised in the snapshot instead of on the
 * first event. The clients built here are thrown away; the function's own are built as usual.
 */
final class SdkPriming {
    private static final StaticCredentialsProvider PRIMING = StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private SdkPriming() {
    }

    /** @return how many requests the loopback endpoint answered */
    static int prime(JsonNode sampleEvent) throws IOException {
        try (LoopbackAws local = LoopbackAws.start()) {
            URI endpoint = local.uri();
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, PRIMING, Optional.of("priming-inspector"),
                    Optional.of("arn:aws:iam::999999999999:role/priming-organizations"), Map.of("*", endpoint), Duration.ofMinutes(1),
                    Duration.ofSeconds(5), 4, List.of()));
            inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:priming", "priming");
            inspector.inspect(((ParsedEvent.Applicable) EventParser.parse(sampleEvent)).event());
            try (SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(PRIMING)
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:123456789012:priming").message("{}").messageStructure("json"));
            }
            new AwsJsonApi(AwsJsonApi.SSM, UrlConnectionHttpClient.create(), PRIMING, "us-east-1", endpoint, Duration.ofSeconds(5))
                    .call("GetParameter", Json.mapper().createObjectNode().put("Name", "/priming"));
            // the ledger's item calls go the same way: one primes the DynamoDB target and signing name
            new AwsJsonApi(AwsJsonApi.DYNAMODB, UrlConnectionHttpClient.create(), PRIMING, "us-east-1", endpoint, Duration.ofSeconds(5))
                    .call("GetItem", Json.mapper().createObjectNode().put("TableName", "priming"));
            return local.answered();
        }
    }
}
