package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Two containers receive the same event at the same moment (EventBridge's at-least-once delivery,
 * or two trails feeding two buses): each with its own DynamoDB client against one ledger table in
 * moto. A claim belongs to one attempt (its own token and lease), so exactly one delivers; the other
 * fails its invocation while the first holds the lease, and its retry finds the event handled.
 */
class LedgerConcurrencyTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void theSameEventInTwoContainersAtOnceIsDeliveredOnce() throws Exception {
        MOTO.reset();
        client().createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        AtomicInteger delivered = new AtomicInteger();
        DiagnosisSink slow = new DiagnosisSink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void deliver(Notification notification) {
                delivered.incrementAndGet();
                sleep(150); // the first container is still delivering when the second claims
            }

            @Override
            public void deliver(AlertNotification alert) {
                throw new UnsupportedOperationException();
            }
        };
        ExecutorService containers = Executors.newFixedThreadPool(2);
        try {
            int rounds = 10;
            for (int round = 0; round < rounds; round++) {
                Report.Diagnosed report = TicketPayloadTest.notification(round % 2 == 0 ? "scp-explicit-deny" : "identity-no-allow").report();
                String eventId = "event-" + round;
                List<DiagnosisDelivery> pair = List.of(delivery(slow), delivery(slow));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (DiagnosisDelivery container : pair) {
                    outcomes.add(containers.submit(() -> {
                        start.await();
                        try {
                            return container.deliver(report, eventId, Optional.empty()).suppressed() ? "suppressed" : "delivered";
                        } catch (DiagnosisDelivery.DeliveryInProgress busy) {
                            return "busy";
                        }
                    }));
                }
                start.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }
                assertThat(results).as("round " + round).containsOnlyOnce("delivered");
                // the busy one's retry, as Lambda makes it: the event is handled
                assertThat(pair.get(1).alreadyHandled(eventId)).isTrue();
                client().deleteItem(r -> r.tableName("ledger").key(java.util.Map.of("pk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(DiagnosisDelivery.dedupKey(report.diagnosis())))));
            }
            assertThat(delivered.get()).isEqualTo(rounds);
        } finally {
            containers.shutdownNow();
        }
    }

    private static DiagnosisDelivery delivery(DiagnosisSink sink) {
        return new DiagnosisDelivery(List.of(sink), Optional.of(new DeliveryLedger(client(), "ledger", Duration.ofHours(1), Duration.ofSeconds(90),
                Clock.systemUTC())));
    }

    private static DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
