package dev.assumeroledoctor.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.handler.DiagnosisHandler;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.DiagnosisSink;
import dev.assumeroledoctor.notify.Notification;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Delivery under the faults of real AWS, injected by a proxy in front of moto: what a user sees is
 * the diagnosis delivered exactly once (or once plus the documented duplicate, carrying the same
 * message id), the invocation failing when it must, and the dead-letter queue keeping the event
 * when every retry fails. Lambda's async invocation (one try and two retries, then the on-failure
 * destination) is played by {@link #lambda}.
 */
class DeliveryFaultsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Samples SAMPLE = new Samples(Path.of("events/identity-no-allow"));
    private FaultProxy proxy;
    private SqsClient sqs;
    private String queueUrl;
    private String dlqUrl;
    private String topic;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void world() throws Exception {
        MOTO.reset();
        proxy = new FaultProxy(MOTO.endpoint(), 2_500);
        SnsClient sns = direct(SnsClient.builder());
        sqs = direct(SqsClient.builder());
        topic = sns.createTopic(r -> r.name("diagnoses")).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("subscriber")).queueUrl();
        dlqUrl = sqs.createQueue(r -> r.queueName("dead-letters")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn).attributes(java.util.Map.of("RawMessageDelivery", "false")));
        direct(DynamoDbClient.builder()).createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void aPublishThatHangsFailsTheAttemptAndTheRetryDeliversOnce() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        proxy.inject("Publish", FaultProxy.Fault.HANG, -1);
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).isInstanceOf(RuntimeException.class);
        proxy.clear();
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
    }

    @Test
    void aFailedPublishWhoseLeaseCannotBeGivenBackStillDeliversOnTheRetry() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        proxy.inject("Publish", FaultProxy.Fault.SERVER_ERROR, -1);
        proxy.inject("UpdateItem", FaultProxy.Fault.SERVER_ERROR, -1);
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).isInstanceOf(RuntimeException.class);
        proxy.clear();
        // the claim belongs to the failed attempt until its lease ends: a retry meanwhile fails again (it could be a
        // second container still delivering), and is never taken for a repeat
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).isInstanceOf(
                dev.assumeroledoctor.notify.DiagnosisDelivery.DeliveryInProgress.class);
        clock.advance(Duration.ofSeconds(91));
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
        // and once delivered, the same event is a redelivery, across containers
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("duplicate");
        assertThat(received()).isEmpty();
    }

    @Test
    void anotherEventTakesOverOnceTheCrashedAttemptsLeaseHasExpired() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        proxy.inject("Publish", FaultProxy.Fault.SERVER_ERROR, -1);
        proxy.inject("UpdateItem", FaultProxy.Fault.SERVER_ERROR, -1);
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).isInstanceOf(RuntimeException.class);
        proxy.clear();
        String repeat = SAMPLE.event().toString().replace("e0a1b2c3", "f0a1b2c3");
        assertThat(outcome(invoke(handler, repeat))).as("within the lease: the first attempt's retry will deliver").isEqualTo("suppressed");
        clock.advance(Duration.ofSeconds(91));
        assertThat(outcome(invoke(handler, repeat))).as("the same repeat again is a redelivery").isEqualTo("duplicate");
        String another = SAMPLE.event().toString().replace("e0a1b2c3", "a0a1b2c3");
        assertThat(outcome(invoke(handler, another))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
    }

    @Test
    void aPublishThatSucceededButAnswered500IsSentAgainWithTheSameMessageId() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        // every Publish takes effect and answers 500: the outcome is unknown, so the attempt is not retried inside the
        // invocation (the SDK's standard mode would post up to 4 copies); the invocation fails, and Lambda's retry posts once more
        proxy.inject("Publish", FaultProxy.Fault.SUCCEEDED_BUT_500, 1);
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).isInstanceOf(RuntimeException.class);
        List<Message> messages = new java.util.ArrayList<>(received());
        assertThat(messages).hasSize(1);
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("delivered");
        messages.addAll(received());
        assertThat(messages).hasSize(2);
        assertThat(messages.stream().map(m -> Json.readTree(m.body()).path("MessageAttributes").path("messageId").path("Value").asText())
                .distinct()).hasSize(1);
    }

    @Test
    void aThrottledPublishIsRetriedWithinTheInvocation() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        // throttling means SNS did not take it: retried at once, one copy
        proxy.inject("Publish", FaultProxy.Fault.THROTTLE, 1);
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
        assertThat(proxy.operations.stream().filter("Publish"::equals).count()).isEqualTo(2);
    }

    @Test
    void aLaterTargetsFailureDoesNotSendTheEarlierOneAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DiagnosisSink flaky = new DiagnosisSink() {
            public String name() {
                return "flaky";
            }

            public void deliver(Notification n) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("the tracker is down");
                }
            }

            public void deliver(dev.assumeroledoctor.notify.AlertNotification a) {
                throw new AssertionError("this test delivers diagnoses only");
            }
        };
        DiagnosisHandler handler = handler(List.of(flaky));
        assertThatThrownBy(() -> invoke(handler, SAMPLE.event().toString())).hasMessageContaining("tracker is down");
        assertThat(outcome(invoke(handler, SAMPLE.event().toString()))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void whenEveryRetryFailsTheDeadLetterQueueKeepsTheEvent() throws Exception {
        DiagnosisHandler handler = handler(List.of());
        proxy.inject("Publish", FaultProxy.Fault.THROTTLE, -1);
        lambda(handler, SAMPLE.event().toString());
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();
        assertThat(dead).hasSize(1);
        assertThat(Json.readTree(dead.get(0).body()).path("detail").path("eventID").asText())
                .isEqualTo(SAMPLE.event().path("detail").path("eventID").asText());
        proxy.clear();
        // replayed from the dead-letter queue once SNS is back: delivered, once
        assertThat(outcome(invoke(handler, dead.get(0).body()))).isEqualTo("delivered");
        assertThat(received()).hasSize(1);
    }

    /* Lambda's asynchronous invocation: one attempt and two retries, then the on-failure destination. */
    private void lambda(DiagnosisHandler handler, String event) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                invoke(handler, event);
                return;
            } catch (Exception e) {
                clock.advance(Duration.ofSeconds(60));
            }
        }
        sqs.sendMessage(r -> r.queueUrl(dlqUrl).messageBody(event));
    }

    private DiagnosisHandler handler(List<DiagnosisSink> extra) {
        Snapshot snapshot = SAMPLE.snapshot();
        List<DiagnosisSink> sinks = new java.util.ArrayList<>();
        sinks.add(new SnsSink(proxied(SnsClient.builder()), topic));
        sinks.addAll(extra);
        DiagnosisDelivery delivery = new DiagnosisDelivery(sinks, Optional.of(new DeliveryLedger(proxied(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()), "ledger",
                Duration.ofHours(1), Duration.ofSeconds(90), clock)));
        return new DiagnosisHandler(new DiagnosisService(e -> snapshot), delivery);
    }

    private List<Message> received() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        messages.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    private static String outcome(String result) {
        return Json.readTree(result).path("outcome").asText();
    }

    static String invoke(DiagnosisHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /* The production bounds, shortened: an attempt is cut after 1 s, the call after 3 s. */
    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C proxied(B builder) {
        return build(builder, proxy.uri(), true);
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C direct(B builder) {
        return build(builder, MOTO.endpoint(), false);
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint, boolean bounded) {
        builder.endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create());
        if (bounded) {
            // SNS as the function configures it (SnsSink.retryStrategy: only throttling is retried within an attempt)
            builder.overrideConfiguration(o -> {
                if (builder instanceof software.amazon.awssdk.services.sns.SnsClientBuilder) {
                    o.retryStrategy(SnsSink.retryStrategy());
                } else {
                    o.retryStrategy(RetryMode.STANDARD);
                }
                o.apiCallAttemptTimeout(Duration.ofSeconds(1)).apiCallTimeout(Duration.ofSeconds(3));
            });
        }
        return builder.build();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    }
}
