package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.iac.GivenTemplates;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a stack defines the patched role, every delivery says so: chat leads with the stack and the
 * change set, the email gives the JSON Patch, the OpsItem and the Jira issue carry the whole
 * patched template.
 */
class IacRenderingsTest {
    private static final String HEADLINE = "defined in stack DeployStack (DeployRole4B8A12F3), CDK construct DeployStack/DeployRole/Resource";
    private final Notification notification = notification();

    @Test
    void chatLeadsWithTheStackAndTheChangeSet() {
        String step = ChatMessage.render(notification).at("/content/nextSteps/0").asText();
        assertThat(step).startsWith(SafeText.markdown(HEADLINE, 200)).contains("`aws cloudformation create-change-set --stack-name 'DeployStack'")
                .doesNotContain("update-assume-role-policy");
    }

    @Test
    void theEmailGivesTheJsonPatchAndTheTicketsTheWholeTemplate() {
        assertThat(PlainTextMessage.render(notification)).contains("IaC: " + HEADLINE).contains("JSON Patch against the stack's template")
                .contains("CLI (causes drift): aws iam update-assume-role-policy");
        JsonNode template = notification.report().iac().get(0).template().orElseThrow();
        var data = OpsItemSink.request(notification).operationalData();
        assertThat(data.get("patch1").value()).startsWith("IaC: " + HEADLINE);
        assertThat(Json.readTree(data.get("template1").value())).isEqualTo(template);
        String jira = Json.compact(JiraDocument.issue(notification, "SEC", "Task"));
        assertThat(jira).contains(HEADLINE).contains("aws cloudformation create-change-set").contains("AWSTemplateFormatVersion")
                .contains("# causes drift");
    }

    private static Notification notification() {
        Samples sample = new Samples(Path.of("events", "trust-principal-not-trusted"));
        Snapshot snapshot = sample.snapshot();
        Report.Diagnosed report = (Report.Diagnosed) new DiagnosisService(e -> snapshot).withIac(new IacPlanner(new GivenTemplates(
                Map.of("DeployStack", Path.of("src/test/resources/iac/deploy-stack.yaml"))), IacPlanner.DEFAULT_TAG_KEYS)).diagnose(sample.event());
        return new Notification(report, "ard-test", 0, "ard-test-1");
    }
}
