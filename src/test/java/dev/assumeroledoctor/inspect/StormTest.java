package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.handler.DiagnosisHandler;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.StdoutSink;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A storm costs what it should: call counts (not times) of the whole handler — live inspection
 * against moto, the history against a local LookupEvents endpoint, the ledger in moto's DynamoDB —
 * for many failures in one warm container. Identical failures after the first are repeats known
 * from the ledger before any IAM read or lookup; different callers on one role share the role
 * account's and the organization's lookups.
 */
class StormTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void twoHundredIdenticalFailuresCostTheIamCallsAndLookupsOfOne() throws Exception {
        Storm storm = storm();
        for (int i = 0; i < 200; i++) {
            storm.invoke(event(storm.event, i, "ci-user"));
        }
        assertThat(storm.trail.requests.size()).as("LookupEvents for 200 identical events").isLessThanOrEqualTo(10);
        assertThat(storm.counter.total("Iam")).as("IAM calls for 200 identical events: %s", storm.counter).isLessThanOrEqualTo(10);
    }

    @Test
    void failuresFromFiftyCallersCostAtMostTwoLookupsEach() throws Exception {
        Storm storm = storm();
        for (int i = 0; i < 200; i++) {
            storm.invoke(event(storm.event, i, "ci-user-" + (i % 50)));
        }
        assertThat(storm.trail.requests.size()).as("LookupEvents for 200 events of 50 callers on one role").isLessThanOrEqualTo(2 * 50);
    }

    record Storm(DiagnosisHandler handler, LookupEventsEndpoint trail, CallCounter counter, ObjectNode event) {
        void invoke(String body) throws Exception {
            handler.handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
        }
    }

    private static Storm storm() throws Exception {
        MOTO.reset();
        return storm(MOTO.endpoint());
    }

    /** The handler as a warm container holds it, over an empty moto at {@code endpoint} (also bench/storm.sh's). */
    static Storm storm(java.net.URI endpoint) throws Exception {
        MotoWorld.Loaded loaded = MotoWorld.load(endpoint, new Samples(Path.of("events/identity-no-allow")));
        LookupEventsEndpoint trail = new LookupEventsEndpoint();
        CallCounter counter = new CallCounter();
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + loaded.world().managementAccount()
                + ":role/assume-role-doctor-organizations"), Map.of("*", endpoint, "cloudtrail", trail.uri()), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 8, List.of(counter)));
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(new StdoutSink(new PrintStream(OutputStream.nullOutputStream()))),
                Optional.of(new DeliveryLedger(dynamo, "ledger", Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        DiagnosisHistory history = new DiagnosisHistory(inspector.sharedHistory(List.of("us-east-1")), inspector, Duration.ofDays(7),
                Clock.systemUTC(), Runnable::run);
        DiagnosisHandler handler = new DiagnosisHandler(new DiagnosisService(inspector, inspector::selfEvent), delivery, Optional.of(inspector),
                Optional.empty(), Optional.of(history));
        return new Storm(handler, trail, counter, (ObjectNode) loaded.event());
    }

    /* The sample's failure again, with its own event id, from the named user of the caller's account. */
    static String event(ObjectNode sample, int n, String user) {
        ObjectNode copy = sample.deepCopy();
        ObjectNode detail = (ObjectNode) copy.path("detail");
        detail.put("eventID", String.format("e0a1b2c3-0000-4000-8000-%012d", n));
        ObjectNode identity = (ObjectNode) detail.path("userIdentity");
        String arn = identity.path("arn").asText();
        identity.put("arn", arn.substring(0, arn.lastIndexOf('/') + 1) + user).put("userName", user);
        return Json.compact(copy);
    }
}
