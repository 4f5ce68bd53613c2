package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.ImpactReport;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A change warning names the change, who made it, each broken caller with the cause and the
 * verified fix, and what was not checked; the actor and every caller-controlled text are escaped
 * for each target, lists are bounded, and the ExternalId of a broken path never appears.
 */
class ChangeAlertsTest {
    private static final String MARKUP = "x\n<!channel> *bold* @here <https://evil.example|click>";

    @Test
    void everyTargetNamesTheChangeAndTheBrokenCallersEscapedAndBounded() {
        Samples sample = new Samples(Path.of("events/condition-external-id"));
        Report.Diagnosed report = (Report.Diagnosed) sample.diagnose(sample.event());
        String secret = sample.event().at("/detail/requestParameters/externalId").asText();
        List<ChangeImpact.Broken> broken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            broken.add(new ChangeImpact.Broken("arn:aws:iam::222222222222:user/caller-" + i + MARKUP, "arn:aws:iam::111111111111:role/deploy",
                    "sts:AssumeRole", Optional.of(Instant.parse("2026-11-29T08:00:00Z")), "e-" + i, report));
        }
        PolicyChange change = new PolicyChange("c4a17e00-0000-4000-8000-000000000001", "UpdateAssumeRolePolicy", "iam.amazonaws.com",
                Instant.parse("2026-11-30T11:59:00Z"), "111111111111", "arn:aws:sts::111111111111:assumed-role/Admin/" + MARKUP, List.of());
        ChangeImpact impact = new ChangeImpact(change, List.of("eu-west-1"), List.of("111111111111"), 41, broken,
                List.of("a call from account 333333333333: no copy"), List.of(), List.of());
        AlertNotification alert = new AlertNotification(impact, "ard-change-1", "ard-change-1-1");

        String text = ImpactReport.text(impact);
        assertThat(text).startsWith("A policy change breaks 40 of 41 AssumeRole path(s)")
                .contains("Change: iam.amazonaws.com UpdateAssumeRolePolicy in account 111111111111 at 2026-11-30T11:59:00Z")
                .contains("CONDITION_EXTERNAL_ID").contains("… and 15 more.").contains("Could not be checked:")
                .contains("Searched: accounts 111111111111; regions eu-west-1.").doesNotContain(secret);
        assertThat(text.lines()).noneMatch(l -> l.startsWith("<!channel>"));

        JsonNode chat = ChangeAlerts.chat(alert);
        assertThat(Json.compact(chat)).doesNotContain("<!channel>").doesNotContain("@here").doesNotContain("<https://evil").doesNotContain(secret);
        assertThat(chat.at("/content/description").asText()).hasSizeLessThanOrEqualTo(ChatMessage.DESCRIPTION_MAX).contains("… and 30 more");
        assertThat(chat.at("/content/nextSteps").size()).isLessThanOrEqualTo(ChatMessage.STEPS_MAX);

        var ops = ChangeAlerts.opsItem(alert);
        assertThat(ops.description()).hasSizeLessThanOrEqualTo(OpsItemSink.DESCRIPTION_MAX).doesNotContain(secret);
        assertThat(ops.operationalData().get("/aws/dedup").value()).contains("ard-change-1");

        JsonNode jira = ChangeAlerts.jira(alert, "SEC", "Task");
        assertThat(jira.at("/fields/summary").asText()).isEqualTo("Policy change UpdateAssumeRolePolicy breaks 40 AssumeRole callers");
        assertThat(Json.compact(jira)).doesNotContain(secret);
        assertThat(ChangeAlerts.subject(impact)).hasSizeLessThan(100);
    }
}
