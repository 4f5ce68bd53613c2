package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static dev.assumeroledoctor.watch.World.BOB;
import static dev.assumeroledoctor.watch.World.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.report.History;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import dev.assumeroledoctor.scenario.Scenario;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis's history: the latest success on the role, compared with the failure, and the
 * recent changes on the role, the caller and the organization above them, with the change a
 * cause points at named as the likely trigger.
 */
class DiagnosisHistoryTest {
    private final World.History history = new World.History();
    private final Snapshot now = World.iam("""
            {"Version":"2012-10-17","Statement":[{"Sid":"Tools","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
            .formatted(ALICE)).organization(World.org("", "")).snapshot();

    @Test
    void theLatestSuccessAndTheTrustEditThatDroppedTheCallerAreNamed() {
        World.recordCall(history, ALICE, "2026-11-29T08:00:00Z", "198.51.100.7");
        history.iamChanges.add(change("TagRole", "{\"roleName\":\"deploy\",\"tags\":[]}", "2026-11-28T10:00:00Z", "111111111111"));
        history.iamChanges.add(change("UpdateAssumeRolePolicy", "{\"roleName\":\"deploy\",\"policyDocument\":\"{}\"}", "2026-11-30T11:00:00Z",
                "111111111111"));
        history.iamChanges.add(change("PutUserPolicy", "{\"userName\":\"someone-else\",\"policyName\":\"p\",\"policyDocument\":\"{}\"}",
                "2026-11-30T11:30:00Z", "222222222222"));
        JsonNode failure = bobsFailure();
        AssumeRoleEvent event = ((ParsedEvent.Applicable) EventParser.parse(failure)).event();
        DiagnosisHistory histories = new DiagnosisHistory(history, e -> now, Duration.ofDays(7), Clock.fixed(World.NOW, ZoneOffset.UTC),
                Runnable::run);

        DiagnosisHistory.Pending pending = histories.start(event).orElseThrow();
        // every lookup is issued before the diagnosis reads anything
        assertThat(history.calls).containsExactly("successes 111111111111", "iamChanges 111111111111", "iamChanges 222222222222");
        Report.Diagnosed report = histories.attach(pending, DiagnosisService.diagnose(event, now));

        History h = report.history().orElseThrow();
        History.LastSuccess last = h.lastSuccess().orElseThrow();
        assertThat(last.caller()).isEqualTo(ALICE);
        assertThat(last.differences()).filteredOn(History.Difference::decides).extracting(History.Difference::what).contains("principal");
        assertThat(h.changes()).extracting(History.Change::eventName).containsExactly("UpdateAssumeRolePolicy", "TagRole");
        assertThat(h.changes()).extracting(History.Change::likelyTrigger).containsExactly(true, false);
        assertThat(h.changes().get(0).actor()).isEqualTo("arn:aws:sts::111111111111:assumed-role/Admin/carol");
        String text = TextReport.render(report);
        assertThat(text).contains("Last success on this role: " + ALICE + " at 2026-11-29T08:00:00Z")
                .contains("  * principal: " + ALICE + " (then) / " + BOB + " (now)")
                .contains("UpdateAssumeRolePolicy on role deploy by arn:aws:sts::111111111111:assumed-role/Admin/carol <- likely trigger");
        assertThat(JsonReport.render(report).at("/history/changes/0/likelyTrigger").asBoolean()).isTrue();
        dev.assumeroledoctor.notify.Notification note = new dev.assumeroledoctor.notify.Notification(report, "ard-1", 0, "ard-1-1");
        assertThat(dev.assumeroledoctor.notify.ChatMessage.render(note).at("/content/description").asText())
                .contains("*Last success* `" + ALICE + "`").contains("*Likely trigger* `UpdateAssumeRolePolicy` on role deploy");
        assertThat(dev.assumeroledoctor.json.Json.compact(dev.assumeroledoctor.notify.JiraDocument.issue(note, "SEC", "Task")))
                .contains("UpdateAssumeRolePolicy on role deploy by arn:aws:sts::111111111111:assumed-role/Admin/carol (likely trigger)");
    }

    @Test
    void noSuccessAndARefusedHistoryAreSaid() {
        history.refused.add("111111111111");
        AssumeRoleEvent event = ((ParsedEvent.Applicable) EventParser.parse(bobsFailure())).event();
        DiagnosisHistory histories = new DiagnosisHistory(history, e -> now, Duration.ofDays(7), Clock.fixed(World.NOW, ZoneOffset.UTC),
                Runnable::run);
        Report.Diagnosed report = histories.attach(histories.start(event).orElseThrow(), DiagnosisService.diagnose(event, now));
        History h = report.history().orElseThrow();
        assertThat(h.lastSuccess()).isEmpty();
        assertThat(h.gaps()).singleElement().asString().contains("refused in account 111111111111");
        assertThat(TextReport.render(report)).contains("No success on this role in the last 7 days (eu-west-1, us-east-1).")
                .contains("(history not read: cloudtrail:LookupEvents was refused in account 111111111111)");
        // the diagnosis itself is whole: its causes do not depend on the history
        assertThat(report.diagnosis().causes()).isNotEmpty();
    }

    @Test
    void aFailingReadOfTheSuccessfulCallerLeavesTheDiagnosisWhole() {
        World.recordCall(history, ALICE, "2026-11-29T08:00:00Z", "198.51.100.7");
        AssumeRoleEvent event = ((ParsedEvent.Applicable) EventParser.parse(bobsFailure())).event();
        // the inspector fails on anything but the failure itself (a fault after its retries)
        DiagnosisHistory histories = new DiagnosisHistory(history, e -> {
            if (!e.eventId().equals(event.eventId())) {
                throw new IllegalStateException("AWS kept failing");
            }
            return now;
        }, Duration.ofDays(7), Clock.fixed(World.NOW, ZoneOffset.UTC), Runnable::run);
        Report.Diagnosed report = histories.attach(histories.start(event).orElseThrow(), DiagnosisService.diagnose(event, now));
        assertThat(report.history().orElseThrow().lastSuccess()).isEmpty();
        assertThat(report.history().orElseThrow().gaps()).anySatisfy(g -> assertThat(g).contains("could not be read (IllegalStateException)"));
        assertThat(report.diagnosis().causes()).isNotEmpty();
    }

    private static JsonNode bobsFailure() {
        return Scenario.event("AssumeRole", "User: " + BOB + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE, """
                {"type":"IAMUser","principalId":"AIDABOB","arn":"%s","accountId":"222222222222","accessKeyId":"AKIAEXAMPLE","userName":"bob"}"""
                .formatted(BOB), "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"deploy-run\"}", "222222222222");
    }

    private static JsonNode change(String name, String parameters, String time, String account) {
        ObjectNode record = (ObjectNode) World.change("iam.amazonaws.com", name, parameters, account).get("detail");
        return record.put("eventTime", time).put("eventID", "c-" + name);
    }
}
