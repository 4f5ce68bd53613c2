package dev.assumeroledoctor.iac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of resource a patch edits, where CloudFormation defines it (AWS CloudFormation
 * resource reference): a user's new inline policy joins its {@code Policies}; a managed policy
 * (here a permissions boundary) changes its {@code PolicyDocument}; an SCP its
 * {@code AWS::Organizations::Policy} {@code Content}, which may be a JSON string and stays one.
 */
class TemplateResourcesTest {
    @TempDir
    Path dir;

    @Test
    void aUsersNewInlinePolicyJoinsItsPolicies() throws IOException {
        IacPlan plan = plan("identity-no-allow", """
                Resources:
                  CiUser:
                    Type: AWS::IAM::User
                    Properties:
                      UserName: ci-user
                      Policies:
                        - PolicyName: existing
                          PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "*"}]}
                """);
        assertThat(plan.property()).contains("Policies");
        JsonNode policies = plan.template().orElseThrow().at("/Resources/CiUser/Properties/Policies");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(0).path("PolicyName").asText()).isEqualTo("existing");
        assertThat(policies.get(1).path("PolicyName").asText()).isEqualTo("AssumeRole-deploy-role");
        assertThat(plan.jsonPatch().orElseThrow().get(0).path("path").asText()).isEqualTo("/Resources/CiUser/Properties/Policies/1");
    }

    @Test
    void aBoundaryChangesItsManagedPolicyDocument() throws IOException {
        IacPlan plan = plan("boundary-no-allow", """
                Resources:
                  Boundary:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      ManagedPolicyName: CiBoundary
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - {Effect: Allow, Action: ["s3:*", "ecr:*"], Resource: "*"}
                """);
        assertThat(plan.stack().orElseThrow().logicalId()).isEqualTo("Boundary");
        assertThat(plan.property()).contains("PolicyDocument");
        assertThat(plan.template().orElseThrow().at("/Resources/Boundary/Properties/PolicyDocument/Statement")).hasSize(2);
    }

    @Test
    void anScpsStringContentStaysAString() throws IOException {
        String content = Json.compact(Json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BuildServices\",\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:*\",\"ecr:*\",\"codebuild:*\"],\"Resource\":\"*\"}]}"));
        IacPlan plan = plan("scp-no-allow", "{\"Resources\":{\"Tools\":{\"Type\":\"AWS::Organizations::Policy\",\"Properties\":{"
                + "\"Name\":\"ToolsAllowList\",\"Type\":\"SERVICE_CONTROL_POLICY\",\"Content\":" + Json.mapper().getNodeFactory().textNode(content) + "}}}}");
        JsonNode patched = plan.template().orElseThrow().at("/Resources/Tools/Properties/Content");
        assertThat(patched.isTextual()).isTrue();
        assertThat(Json.readTree(patched.textValue()).path("Statement")).hasSize(2);
        assertThat(plan.changeSetCommand().orElseThrow()).doesNotContain("--capabilities");
    }

    @Test
    void anInlinePolicyOfItsOwnResourceIsEditedThere() throws IOException {
        // the user's existing S3Only policy, defined as an AWS::IAM::Policy attached to the user by Ref
        Path file = dir.resolve("user.template");
        Files.writeString(file, """
                Resources:
                  CiUser: {Type: AWS::IAM::User, Properties: {UserName: ci-user}}
                  S3Only:
                    Type: AWS::IAM::Policy
                    Properties:
                      PolicyName: S3Only
                      Users: [!Ref CiUser]
                      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}
                """);
        Snapshot snapshot = new Samples(Path.of("events", "identity-no-allow")).snapshot();
        JsonNode document = Json.readTree("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
                 {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/deploy-role"}]}""");
        dev.assumeroledoctor.remediation.Patch patch = new dev.assumeroledoctor.remediation.Patch(
                java.util.List.of(dev.assumeroledoctor.diagnosis.CauseId.IDENTITY_NO_ALLOW),
                new dev.assumeroledoctor.remediation.PatchTarget.InlinePolicy("arn:aws:iam::222222222222:user/ci-user", "S3Only"),
                java.util.Optional.of("S3Only"), "allow the role", document, "", "aws iam put-user-policy");
        IacPlan plan = new IacPlanner(new GivenTemplates(Map.of("Stack", file)), IacPlanner.DEFAULT_TAG_KEYS).plan(
                new dev.assumeroledoctor.remediation.Remediation(java.util.List.of(patch), java.util.List.of(), java.util.List.of(), true, false,
                        java.util.List.of(), java.util.List.of()), snapshot).get(0);
        assertThat(plan.templatePatch()).as(plan.reason().orElse("")).isTrue();
        assertThat(plan.stack().orElseThrow().logicalId()).isEqualTo("S3Only");
        assertThat(plan.property()).contains("PolicyDocument");
        assertThat(plan.jsonPatch().orElseThrow()).hasSize(1);
        assertThat(plan.jsonPatch().get().get(0).path("path").asText()).isEqualTo("/Resources/S3Only/Properties/PolicyDocument/Statement/1");
    }

    private IacPlan plan(String sample, String template) throws IOException {
        Path file = dir.resolve(sample + ".template");
        Files.writeString(file, template);
        Samples s = new Samples(Path.of("events", sample));
        Snapshot snapshot = s.snapshot();
        Report.Diagnosed report = (Report.Diagnosed) new DiagnosisService(e -> snapshot)
                .withIac(new IacPlanner(new GivenTemplates(Map.of("Stack", file)), IacPlanner.DEFAULT_TAG_KEYS)).diagnose(s.event());
        IacPlan plan = report.iac().get(0);
        assertThat(plan.kind()).as(plan.toString()).isEqualTo(IacPlan.Kind.CLOUDFORMATION);
        assertThat(plan.templatePatch()).as(plan.reason().orElse("")).isTrue();
        return plan;
    }
}
