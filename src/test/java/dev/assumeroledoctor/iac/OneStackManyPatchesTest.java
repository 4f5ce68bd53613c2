package dev.assumeroledoctor.iac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.PatchTarget;
import dev.assumeroledoctor.remediation.Remediation;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two patches on resources one stack defines: one template carries both, in one change set. Two
 * change sets made from the same template would each put back what the other changed.
 */
class OneStackManyPatchesTest {
    @TempDir
    Path dir;

    @Test
    void everyPatchOnAStackIsInTheOneTemplate() throws Exception {
        Path sample = TemplateFixture.sample("trust-principal-not-trusted", dir, "111111111111", details -> {
            var audit = TemplateFixture.role(details, "deploy-role").deepCopy();
            audit.put("RoleName", "audit-role").put("Arn", "arn:aws:iam::111111111111:role/audit-role").put("RoleId", "AROAAUDITROLE0000001");
            details.withArray("RoleDetailList").add(audit);
        });
        Snapshot snapshot = SnapshotFiles.loadDirectory(sample);
        Path template = dir.resolve("roles.yaml");
        Files.writeString(template, """
                Resources:
                  Deploy:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: deploy-role
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Sid: TrustCiRunner, Effect: Allow, Principal: {AWS: "arn:aws:iam::222222222222:role/ci/ci-runner"}, Action: sts:AssumeRole}
                  Audit:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: audit-role
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Sid: TrustCiRunner, Effect: Allow, Principal: {AWS: "arn:aws:iam::222222222222:role/ci/ci-runner"}, Action: sts:AssumeRole}
                """);
        JsonNode today = snapshot.account("111111111111").orElseThrow().role("arn:aws:iam::111111111111:role/deploy-role").orElseThrow()
                .trustPolicy().json();
        Remediation remediation = new Remediation(List.of(patch("deploy-role", today, "arn:aws:iam::222222222222:user/ci-user"),
                patch("audit-role", today, "arn:aws:iam::222222222222:user/auditor")), List.of(), List.of(), true, false, List.of(), List.of());
        List<IacPlan> plans = new IacPlanner(new GivenTemplates(Map.of("Roles", template)), IacPlanner.DEFAULT_TAG_KEYS)
                .plan(remediation, snapshot);

        assertThat(plans).hasSize(2).allMatch(IacPlan::templatePatch);
        assertThat(plans.get(0).template()).isEqualTo(plans.get(1).template());
        assertThat(plans.get(0).jsonPatch().orElseThrow()).hasSize(2);
        JsonNode resources = plans.get(0).template().orElseThrow().path("Resources");
        assertThat(resources.at("/Deploy/Properties/AssumeRolePolicyDocument/Statement/1/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::222222222222:user/ci-user");
        assertThat(resources.at("/Audit/Properties/AssumeRolePolicyDocument/Statement/1/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::222222222222:user/auditor");
        assertThat(JsonPatch.apply(plans.get(0).jsonPatch().get(), CfnTemplates.parse(Files.readString(template), "t")))
                .isEqualTo(plans.get(0).template().get());
        assertThat(plans.get(1).notes()).contains("this template carries all 2 changes to stack Roles: apply them in one change set");
        assertThat(plans).extracting(p -> p.stack().orElseThrow().logicalId()).containsExactly("Deploy", "Audit");
    }

    private static Patch patch(String role, JsonNode today, String principal) {
        JsonNode document = today.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) document.path("Statement")).add(Json.readTree(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"}"));
        return new Patch(List.of(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED), new PatchTarget.TrustPolicy("arn:aws:iam::111111111111:role/" + role),
                Optional.empty(), "trust " + principal, document, "", "aws iam update-assume-role-policy");
    }
}
