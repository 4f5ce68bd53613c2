package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.handler.PolicyChangeHandler;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.AlertNotification;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.DiagnosisSink;
import dev.assumeroledoctor.notify.Notification;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy-change handler's side of the change watch: a harmless edit is logged and delivers nothing, a
 * breaking one delivers one warning, a failed write changes nothing, and no change event, however
 * mangled, crashes the function into a retry loop.
 */
class ChangeWatchHandlerTest {
    private final World.History history = new World.History();
    private final List<Object> delivered = new ArrayList<>();
    private final DiagnosisSink sink = new DiagnosisSink() {
        public String name() {
            return "recording";
        }

        public void deliver(Notification notification) {
            delivered.add(notification);
        }

        public void deliver(AlertNotification alert) {
            delivered.add(alert);
        }
    };

    @BeforeEach
    void callsOfTheLastDays() {
        World.recordCall(history, ALICE, "2026-11-29T08:00:00Z", "198.51.100.7");
        World.recordCall(history, World.BOB, "2026-11-29T09:00:00Z", "198.51.100.8");
    }

    @Test
    void aHarmlessEditDeliversNothingAndABreakingOneWarnsOnce() throws Exception {
        JsonNode harmless = invoke(handler(World.iam(World.TRUST_BOTH).organization(World.org("", "")).snapshot()), trustEdit());
        assertThat(harmless.path("outcome").asText()).isEqualTo("no-effect");
        assertThat(harmless.path("checked").asInt()).isEqualTo(2);
        assertThat(delivered).isEmpty();

        Snapshot onlyAlice = World.iam("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
                .formatted(ALICE)).organization(World.org("", "")).snapshot();
        JsonNode breaking = invoke(handler(onlyAlice), trustEdit());
        assertThat(breaking.path("outcome").asText()).isEqualTo("warned");
        assertThat(delivered).singleElement().isInstanceOfSatisfying(AlertNotification.class,
                a -> assertThat(a.impact().broken()).extracting(b -> b.caller()).containsExactly(World.BOB));
    }

    @Test
    void aFailedWriteChangesNothing() throws Exception {
        ObjectNode failed = (ObjectNode) trustEdit().deepCopy();
        ((ObjectNode) failed.get("detail")).put("errorCode", "NoSuchEntity");
        JsonNode result = invoke(handler(World.iam(World.TRUST_BOTH).snapshot()), failed);
        assertThat(result.path("outcome").asText()).isEqualTo("not-applicable");
        assertThat(history.calls).isEmpty();
        assertThat(delivered).isEmpty();
    }

    @Test
    void aFailedCallSentToThePolicyChangeFunctionIsSkippedNotDiagnosed() throws Exception {
        // the policy-change rules target their own function; a failed AssumeRole there means a miswired rule, not a second report
        JsonNode failedCall = Json.readTree("""
                {"id":"e1","detail-type":"AWS API Call via CloudTrail","source":"aws.sts","account":"111111111111",
                 "detail":{"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","errorCode":"AccessDenied","eventID":"ev-1",
                 "recipientAccountId":"111111111111","requestParameters":{"roleArn":"arn:aws:iam::111111111111:role/deploy"}}}""");
        JsonNode result = invoke(handler(World.iam(World.TRUST_BOTH).snapshot()), failedCall);
        assertThat(result.path("outcome").asText()).isEqualTo("skipped");
        assertThat(result.path("reason").asText()).isEqualTo("not a policy change");
        assertThat(history.calls).isEmpty();
        assertThat(delivered).isEmpty();
    }

    @Test
    void noMangledChangeEventCrashesTheFunction() throws Exception {
        PolicyChangeHandler handler = handler(World.iam(World.TRUST_BOTH).organization(World.org("", "")).snapshot());
        Random random = new Random(20261201);
        String[] fields = {"requestParameters", "userIdentity", "eventTime", "recipientAccountId", "eventID", "eventName", "eventSource"};
        JsonNode[] values = {Json.mapper().nullNode(), Json.mapper().getNodeFactory().numberNode(7), Json.readTree("[]"), Json.readTree("{}"),
                Json.mapper().getNodeFactory().textNode("x".repeat(70_000)), Json.mapper().getNodeFactory().textNode("<!channel>\n\u202e")};
        for (int i = 0; i < 2_000; i++) {
            ObjectNode event = (ObjectNode) trustEdit().deepCopy();
            ObjectNode detail = (ObjectNode) event.get("detail");
            for (int m = 0; m < 1 + random.nextInt(3); m++) {
                String field = fields[random.nextInt(fields.length)];
                if (field.equals("eventName") || field.equals("eventSource")) {
                    continue; // a change event stays a change event: the point is what its other fields hold
                }
                if (random.nextBoolean() && field.equals("requestParameters") && detail.path("requestParameters").isObject()) {
                    ((ObjectNode) detail.get("requestParameters")).set(random.nextBoolean() ? "roleName" : "policyArn",
                            values[random.nextInt(values.length)]);
                } else {
                    detail.set(field, values[random.nextInt(values.length)]);
                }
            }
            JsonNode result = invoke(handler, event);
            assertThat(result.path("outcome").asText()).as(Json.compact(event).substring(0, 200))
                    .isIn(Set.of("no-effect", "warned", "not-applicable", "skipped"));
        }
    }

    private PolicyChangeHandler handler(Snapshot after) {
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(sink), Optional.empty());
        ChangeWatch watch = new ChangeWatch(history, e -> after, ChangeWatch.Limits.defaults(), Clock.fixed(World.NOW, ZoneOffset.UTC), Runnable::run);
        return new PolicyChangeHandler(new EventPipeline(new DiagnosisService(e -> after), delivery, Optional.empty(),
                new ChangeEvents(Optional.of(watch), Optional.empty(), delivery)));
    }

    private static JsonNode trustEdit() {
        return World.change("iam.amazonaws.com", "UpdateAssumeRolePolicy", "{\"roleName\":\"deploy\",\"policyDocument\":\"{}\"}", "111111111111");
    }

    private static JsonNode invoke(PolicyChangeHandler handler, JsonNode event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.compact(event).getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.readTree(out.toString(StandardCharsets.UTF_8));
    }
}
