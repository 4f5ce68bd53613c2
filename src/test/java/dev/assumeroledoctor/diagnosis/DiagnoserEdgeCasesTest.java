package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.report.JsonReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiagnoserEdgeCasesTest {

    @Test
    void aRoleArnCutShortByATruncatedMessageIsFoundByItsPrefix() {
        Samples sample = new Samples(Path.of("events/identity-no-allow"));
        ObjectNode event = (ObjectNode) Samples.realistic(sample.event());
        ObjectNode detail = (ObjectNode) event.get("detail");
        // CloudTrail keeps about 1 KB of errorMessage: a long caller path pushes the role ARN past it
        String head = "User: arn:aws:iam::222222222222:user/" + "p/".repeat(450) + "ci-user is not authorized to perform: sts:AssumeRole on resource: ";
        String message = head + "arn:aws:iam::111111111111:role/deploy-role";
        detail.put("errorMessage", message.substring(0, head.length() + "arn:aws:iam::111111111111:role/deploy-r".length()));
        JsonNode report = JsonReport.render(sample.diagnose(event));
        assertThat(report.path("request").path("roleArn").asText()).isEqualTo("arn:aws:iam::111111111111:role/deploy-r");
        assertThat(report.path("causes").get(0).path("id").asText()).isEqualTo("IDENTITY_NO_ALLOW");
    }

    @Test
    void aWebIdentityCallNamingNoRoleIsDiagnosedAgainstEveryRoleTrustingTheProvider() {
        Samples sample = new Samples(Path.of("events/condition-federation-claims"));
        JsonNode report = JsonReport.render(sample.diagnose(Samples.realistic(sample.event())));
        assertThat(report.path("request").has("roleArn")).isFalse();
        assertThat(report.path("causes").get(0).path("policy").path("arn").asText()).isEqualTo("arn:aws:iam::111111111111:role/github-deploy");
    }

    @Test
    void theRealStratusRecordIsDiagnosedAsIamPropagation() {
        // the stratus-red-team record (shared/real-events) against a snapshot taken just after: the
        // role existed 3 s before the failure, and today's policies allow the call
        Samples sample = new Samples(Path.of("events/role-recently-changed"));
        JsonNode report = JsonReport.render(sample.diagnose(sample.event()));
        assertThat(report.path("verdict").asText()).isEqualTo("ALLOWED");
        assertThat(report.path("causes").get(0).path("explanation").asText()).contains("created 3 s before the failure");
    }

    @Test
    void editDistanceSuggestsTheIntendedRole() {
        assertThat(Diagnoser.editDistance("deploy-rol", "deploy-role")).isEqualTo(1);
        Samples sample = new Samples(Path.of("events/role-not-found"));
        JsonNode report = JsonReport.render(sample.diagnose(sample.event()));
        assertThat(report.path("causes").get(0).path("explanation").asText()).contains("did you mean arn:aws:iam::111111111111:role/deploy-role?");
    }
}
