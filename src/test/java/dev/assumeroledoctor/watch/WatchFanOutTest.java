package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static dev.assumeroledoctor.watch.World.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.fanout.PartQueue;
import dev.assumeroledoctor.fanout.PartStore;
import dev.assumeroledoctor.handler.SqsPoller;
import dev.assumeroledoctor.handler.WatchWorkerHandler;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.AlertNotification;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.RecordingSink;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.WatchParts;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
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

/**
 * A change that reaches a whole organization, done in parts: an SCP denying sts:AssumeRole
 * attached at the root of 60 accounts is split into one message per account on the watch queue
 * (moto's SQS), each part done by the worker handler invoked as Lambda's event source invokes it
 * (batches of ten, partial batch failures), the parts gathered in the ledger's table (moto's
 * DynamoDB), and exactly one warning goes out — or, at the deadline, one that names the accounts
 * whose part never came back.
 */
class WatchFanOutTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final int ACCOUNTS = 60;
    private final World.History history = new World.History();
    private final RecordingSink sink = new RecordingSink();
    private final List<AlertNotification> warnings = sink.warnings;
    private SqsClient sqs;
    private String queue;
    private WatchParts parts;
    private EventPipeline pipeline;
    private final List<String> accounts = new ArrayList<>();

    @BeforeEach
    void organization() throws Exception {
        MOTO.reset();
        sqs = SqsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        queue = sqs.createQueue(r -> r.queueName("watch")).queueUrl();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        World.recordCall(history, ALICE, "2026-11-29T08:00:00Z", "198.51.100.7");
        World.recordCall(history, BOB, "2026-11-29T09:00:00Z", "198.51.100.8");
        accounts.addAll(List.of("222222222222", "111111111111"));
        for (int i = 0; i < ACCOUNTS - 2; i++) {
            accounts.add(String.format("3%011d", i));
        }
        history.under.put("r-ab12", accounts);
        Snapshot after = World.iam(World.TRUST_BOTH).organization(World.org("""
                ,{"Id":"p-nosts","Name":"NoAssumeRole","Type":"SERVICE_CONTROL_POLICY","Content":{"Version":"2012-10-17",
                  "Statement":[{"Sid":"NoRoleHopping","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}}""", ",\"p-nosts\""))
                .snapshot();
        Clock clock = Clock.fixed(World.NOW, ZoneOffset.UTC);
        ChangeWatch watch = new ChangeWatch(history, e -> after, ChangeWatch.Limits.defaults(), clock, Runnable::run);
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(sink), Optional.of(new DeliveryLedger(dynamo, "ledger",
                Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        parts = new WatchParts(watch, new PartQueue(sqs, queue), new PartStore(dynamo, "ledger", Clock.systemUTC()), delivery, Duration.ofSeconds(2));
        pipeline = new EventPipeline(new DiagnosisService(e -> after), delivery, Optional.empty(),
                new ChangeEvents(Optional.of(watch), Optional.empty(), delivery, Optional.of(parts)));
    }

    @Test
    void anScpAtTheRootOfSixtyAccountsGivesExactlyOneWarningFromEveryPart() {
        JsonNode result = pipeline.handle(attach().getBytes(StandardCharsets.UTF_8));
        assertThat(result.path("outcome").asText()).isEqualTo("fanned-out");
        assertThat(result.path("parts").asInt()).isEqualTo(ACCOUNTS);

        int polls = drain(new WatchWorkerHandler(parts));
        assertThat(polls).isGreaterThanOrEqualTo(ACCOUNTS / 10);
        assertThat(warnings).hasSize(1);
        ChangeImpact impact = warnings.get(0).impact();
        assertThat(impact.accounts()).hasSize(ACCOUNTS).containsAll(accounts);
        assertThat(impact.unchecked()).isEmpty();
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactlyInAnyOrder(ALICE, BOB);
        // each cross-account call is in both accounts' histories, and counted once
        assertThat(impact.checked()).isEqualTo(2);
        // no path that still works is listed: the 58 other accounts had no recent success to break
        assertThat(impact.broken()).allSatisfy(b -> assertThat(b.report().diagnosis().causes().toString()).contains("SCP_EXPLICIT_DENY"));

        // a part SQS delivers again counts once, and warns no more
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(Json.compact(Json.mapper().createObjectNode().put("kind", PartQueue.PART)
                .put("account", "222222222222").set("change", Json.readTree(attach())))));
        drain(new WatchWorkerHandler(parts));
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aHistoryThatAnswersForTheWholeChangeIsReadOnceAndThePartsCarryTheirAccountsSuccesses() {
        // as Athena over the organization trail: one query for the change, none in the workers
        history.oneRead = true;
        pipeline.handle(attach().getBytes(StandardCharsets.UTF_8));
        drain(new WatchWorkerHandler(parts));
        assertThat(history.calls.stream().filter(c -> c.startsWith("successesOf"))).containsExactly("successesOf " + ACCOUNTS);
        assertThat(history.calls).noneMatch(c -> c.startsWith("successes "));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).impact().broken()).extracting(ChangeImpact.Broken::caller).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void aPartThatKeepsFailingIsRetriedByTheQueueAndTheDeadlineWarnsWithoutIt() throws Exception {
        String failing = accounts.get(17);
        history.failing.add(failing);
        pipeline.handle(attach().getBytes(StandardCharsets.UTF_8));
        List<String> failed = new ArrayList<>();
        drain(new WatchWorkerHandler(parts), failed);
        assertThat(failed).as("the failing part is reported in batchItemFailures, each time SQS gives it").isNotEmpty()
                .allMatch(body -> body.contains(failing));
        assertThat(warnings).hasSize(1);
        ChangeImpact impact = warnings.get(0).impact();
        assertThat(impact.unchecked()).singleElement().asString().startsWith(failing + ": its part did not come back before the deadline");
        assertThat(impact.accounts()).hasSize(ACCOUNTS - 1);
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactlyInAnyOrder(ALICE, BOB);
    }

    private int drain(WatchWorkerHandler worker) {
        return drain(worker, new ArrayList<>());
    }

    /* SQS gives a failing part twice here before it goes to the dead-letter queue */
    private int drain(WatchWorkerHandler worker, List<String> failedBodies) {
        return SqsPoller.drain(sqs, queue, e -> worker.handleRequest(e, null), failedBodies, 2, Duration.ofSeconds(30));
    }

    private static String attach() {
        return Json.compact(World.change("organizations.amazonaws.com", "AttachPolicy", """
                {"policyId":"p-nosts","targetId":"r-ab12"}""", "999999999999"));
    }
}
