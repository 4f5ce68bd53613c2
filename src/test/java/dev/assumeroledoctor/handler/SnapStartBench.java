package dev.assumeroledoctor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.service.DiagnosisService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SnapStart's first event after restore against a warm one (bench/snapstart-first.sh), live against
 * moto with SNS delivery and the DynamoDB ledger: the function's init, then its priming exactly as
 * the checkpoint hook runs it ({@code Priming.beforeCheckpoint}, then {@code afterRestore}), then the
 * first event, then warm events that are different failures (another caller, new event ids: no
 * repeat, every one diagnosed, delivered and recorded). Prints the first, the warm median and the ratio.
 */
public final class SnapStartBench {
    private SnapStartBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        JsonNode world = Json.readTree(Files.readString(Path.of(args[1])));
        // init, as the function's constructor does it
        SnsClient sns = Wiring.bounded(SnsClient.builder().endpointOverride(endpoint).credentialsProvider(MotoServer.CREDENTIALS), Region.US_EAST_1);
        DynamoDbClient dynamo = Wiring.bounded(DynamoDbClient.builder().endpointOverride(endpoint).credentialsProvider(MotoServer.CREDENTIALS),
                Region.US_EAST_1);
        String topic = sns.createTopic(r -> r.name("diagnoses")).topicArn();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + world.path("management").asText() + ":role/org-reader"),
                Map.of("*", endpoint), Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of()));
        inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:assume-role-doctor", "assume-role-doctor");
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(new SnsSink(sns, topic)),
                Optional.of(new DeliveryLedger(dynamo, "ledger", Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        DiagnosisHandler handler = new DiagnosisHandler(new DiagnosisService(inspector, inspector::selfEvent), delivery, Optional.of(inspector));
        // the checkpoint hook, then the restore hook
        Priming priming = Priming.register(Optional.of(inspector));
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        JsonNode event = world.get("event");
        new FirstEvent(); // marks, in a class-loading log, where the first event starts
        double first = invoke(handler, variant(event, 0));
        new WarmEvents();
        List<Double> warm = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            warm.add(invoke(handler, variant(event, i)));
        }
        warm.sort(null);
        double median = warm.get(warm.size() / 2);
        // the same JVM, warm, with its cache emptied: what the first event's reads cost without any cold code
        List<Double> coldCache = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            inspector.clearCache();
            coldCache.add(invoke(handler, variant(event, i)));
        }
        coldCache.sort(null);
        System.out.printf("first event after restore %.0f ms, warm event (a different failure, median of %d) %.0f ms, ratio %.2f;"
                + " a warm JVM with an empty cache %.0f ms%n", first, warm.size(), median, first / median, coldCache.get(2));
    }

    private static final class FirstEvent {
    }

    private static final class WarmEvents {
    }

    private static double invoke(DiagnosisHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        double millis = (System.nanoTime() - start) / 1e6;
        if (!out.toString(StandardCharsets.UTF_8).contains("\"delivered\"")) {
            throw new IllegalStateException("not delivered: " + out.toString(StandardCharsets.UTF_8));
        }
        return millis;
    }

    /* The sample's failure with its own event id and, past the first, another caller of the same account. */
    private static String variant(JsonNode sample, int n) {
        ObjectNode copy = sample.deepCopy();
        ObjectNode detail = (ObjectNode) copy.path("detail");
        detail.put("eventID", String.format("5a1b2c3d-0000-4000-8000-%012d", n));
        if (n > 0) {
            ObjectNode identity = (ObjectNode) detail.path("userIdentity");
            String arn = identity.path("arn").asText();
            identity.put("arn", arn.substring(0, arn.lastIndexOf('/') + 1) + "caller-" + n).put("userName", "caller-" + n);
        }
        return Json.compact(copy);
    }

}
