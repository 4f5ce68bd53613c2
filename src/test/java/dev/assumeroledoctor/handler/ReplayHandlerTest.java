package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.Notification;
import dev.assumeroledoctor.notify.RecordingSink;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The dead-letter replay, invoked as Lambda's SQS event source invokes it: messages received from
 * the failure queue (moto), a batch of them as an {@link SQSEvent}, and the ids in
 * {@code batchItemFailures} left in the queue while the others are deleted ("Handling errors for
 * an SQS event source in Lambda": partial batch responses).
 */
class ReplayHandlerTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Samples SAMPLE = new Samples(Path.of("events/identity-no-allow"));
    private final RecordingSink sink = new RecordingSink();
    private final List<Notification> sent = sink.diagnoses;
    private SqsClient sqs;
    private String queue;
    private DynamoDbClient dynamo;

    @BeforeEach
    void aws() throws Exception {
        MOTO.reset();
        sqs = SqsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        dynamo = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        queue = sqs.createQueue(r -> r.queueName("failures")).queueUrl();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }

    @Test
    void bothShapesOfDeadLetterAreDeliveredAndWhatCannotBeReadOrDeliveredStaysQueued() {
        ObjectNode eventBridgeDeadLetter = (ObjectNode) SAMPLE.event();
        // what Lambda's on-failure destination writes after the retries of an asynchronous invocation
        ObjectNode onFailure = Json.mapper().createObjectNode();
        onFailure.put("version", "1.0").put("timestamp", "2026-12-07T10:00:00.000Z");
        onFailure.putObject("requestContext").put("requestId", "c0ffee").put("condition", "RetriesExhausted").put("approximateInvokeCount", 3);
        ObjectNode second = eventBridgeDeadLetter.deepCopy();
        ((ObjectNode) second.path("detail")).put("eventID", "e0a1b2c3-0000-4000-8000-00000000beef")
                .put("sourceIPAddress", "203.0.113.99");
        onFailure.set("requestPayload", second);
        onFailure.putObject("responseContext").put("statusCode", 200).put("functionError", "Unhandled");
        send(Json.compact(eventBridgeDeadLetter), Json.compact(onFailure), "not json {", "{\"detail-type\": 7}");

        SQSBatchResponse response = replay(handler());

        assertThat(sent).hasSize(1); // the second is the same (caller, role, causes) in the window: a counted repeat
        // a well-formed event that is not for the function is done with; one that cannot be read stays for a person
        assertThat(failedBodies(response)).containsExactly("not json {");
        assertThat(remaining()).containsExactly("not json {");
    }

    @Test
    void aMessageWhoseDeliveryFailsAgainStaysQueuedAndTheNextReplayDeliversIt() {
        send(Json.compact(SAMPLE.event()));
        sink.down.set(true);
        SQSBatchResponse failed = replay(handler());
        assertThat(failed.getBatchItemFailures()).hasSize(1);
        assertThat(remaining()).hasSize(1);

        sink.down.set(false);
        SQSBatchResponse replayed = replay(handler());
        assertThat(replayed.getBatchItemFailures()).isEmpty();
        assertThat(sent).hasSize(1);
        assertThat(remaining()).isEmpty();
    }

    @Test
    void anUnexpectedErrorFailsTheInvocationSoTheEventReachesTheFailureQueue() {
        DiagnosisService broken = new DiagnosisService(e -> {
            throw new IllegalStateException("a defect");
        });
        DiagnosisHandler handler = new DiagnosisHandler(broken, delivery());
        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(Json.compact(SAMPLE.event()).getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null)).isInstanceOf(EventPipeline.Failed.class).hasMessageContaining("IllegalStateException");
        // what can never be diagnosed is still skipped, not failed
        assertThat(handler.handle("not json".getBytes(StandardCharsets.UTF_8)).path("outcome").asText()).isEqualTo("skipped");
    }

    private ReplayHandler handler() {
        Snapshot snapshot = SAMPLE.snapshot();
        DiagnosisDelivery delivery = delivery();
        return new ReplayHandler(new EventPipeline(new DiagnosisService(e -> snapshot), delivery, Optional.empty(),
                new ChangeEvents(Optional.empty(), Optional.empty(), delivery)));
    }

    private DiagnosisDelivery delivery() {
        return new DiagnosisDelivery(List.of(sink), Optional.of(new DeliveryLedger(dynamo, "ledger", Duration.ofHours(1), Duration.ofSeconds(90),
                Clock.systemUTC())));
    }

    private void send(String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }
    }

    /* One poll of the event source: up to ten messages as one SQSEvent; the successes deleted, the failures made visible again. */
    private SQSBatchResponse replay(ReplayHandler handler) {
        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(30)).messages();
        SQSEvent event = SqsPoller.event(received);
        SQSBatchResponse response = handler.handleRequest(event, null);
        List<String> failed = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        for (Message m : received) {
            if (failed.contains(m.messageId())) {
                sqs.changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
            } else {
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
        lastBatch = received;
        return response;
    }

    private List<Message> lastBatch = List.of();

    private List<String> failedBodies(SQSBatchResponse response) {
        List<String> ids = response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        return lastBatch.stream().filter(m -> ids.contains(m.messageId())).map(Message::body).toList();
    }

    private List<String> remaining() {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0)).messages().stream().map(Message::body).toList();
    }

}
