package dev.assumeroledoctor.iac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches where the role is defined: the template of the stack that owns it changes in exactly
 * the edited property, intrinsics kept (CloudFormation resolves them at deploy time: a
 * {@code Fn::Sub} principal stays a {@code Fn::Sub}), and the template, resolved as CloudFormation
 * would, carries exactly the verified document. Where the document is a parameter or a condition's
 * choice the CLI patch stays, marked as causing drift.
 */
class IacPlannerTest {
    @TempDir
    Path dir;

    static final String DEPLOY_STACK = Path.of("src/test/resources/iac/deploy-stack.yaml").toString();

    @Test
    void aCdkRoleGetsItsTemplateChangedInTheTrustPolicyOnly() throws IOException {
        Report.Diagnosed report = run(Path.of("events/trust-principal-not-trusted"), Map.of("DeployStack", read(DEPLOY_STACK)));
        Patch patch = report.remediation().patches().get(0);
        IacPlan plan = report.iacOf(patch).orElseThrow();
        assertThat(plan.kind()).isEqualTo(IacPlan.Kind.CLOUDFORMATION);
        assertThat(plan.stack().orElseThrow().stackName()).isEqualTo("DeployStack");
        assertThat(plan.stack().get().logicalId()).isEqualTo("DeployRole4B8A12F3");
        assertThat(plan.cdkPath()).contains("DeployStack/DeployRole/Resource");
        assertThat(plan.headline()).startsWith("defined in stack DeployStack (DeployRole4B8A12F3)").contains("change the template");

        ObjectNode original = CfnTemplates.parse(read(DEPLOY_STACK), "t");
        JsonNode patched = plan.template().orElseThrow();
        // everything but the edited property is the template as it was, short-form intrinsics in their JSON form
        assertThat(without(patched, "DeployRole4B8A12F3", "AssumeRolePolicyDocument"))
                .isEqualTo(without(original, "DeployRole4B8A12F3", "AssumeRolePolicyDocument"));
        JsonNode trust = patched.path("Resources").path("DeployRole4B8A12F3").path("Properties").path("AssumeRolePolicyDocument");
        assertThat(trust.path("Statement").path(0).path("Principal").path("AWS"))
                .isEqualTo(Json.readTree("{\"Fn::Sub\":\"arn:${AWS::Partition}:iam::${CiAccount}:role/ci/ci-runner\"}"));
        // RFC 6902: one operation, and applying it gives the patched template
        assertThat(plan.jsonPatch().orElseThrow()).hasSize(1);
        assertThat(plan.jsonPatch().get().get(0).path("op").asText()).isEqualTo("add");
        assertThat(JsonPatch.apply(plan.jsonPatch().get(), original)).isEqualTo(patched);
        // resolved as CloudFormation would, the template's document is the verified one
        assertThat(Resolver.resolve(trust, Map.of("AWS::Partition", "aws", "CiAccount", "222222222222"))).isEqualTo(patch.document());
        assertThat(report.remediation().verified()).isTrue();
        assertThat(plan.changeSetCommand().orElseThrow()).startsWith("aws cloudformation create-change-set --stack-name 'DeployStack'")
                .contains("--template-body file://DeployStack.template.json")
                .contains("'ParameterKey=CiAccount,UsePreviousValue=true'").endsWith("--capabilities CAPABILITY_NAMED_IAM");
        assertThat(plan.cliCausesDrift()).isTrue();
    }

    @Test
    void appliedToTheRoleThePatchedTemplateLetsInExactlyTheCaller() throws IOException {
        Report.Diagnosed report = run(Path.of("events/trust-principal-not-trusted"), Map.of("DeployStack", read(DEPLOY_STACK)));
        JsonNode trust = report.iac().get(0).template().orElseThrow().path("Resources").path("DeployRole4B8A12F3").path("Properties")
                .path("AssumeRolePolicyDocument");
        JsonNode deployed = Resolver.resolve(trust, Map.of("AWS::Partition", "aws", "CiAccount", "222222222222"));
        Path applied = TemplateFixture.sample("trust-principal-not-trusted", dir, "111111111111",
                details -> TemplateFixture.role(details, "deploy-role").set("AssumeRolePolicyDocument", deployed));
        Snapshot snapshot = SnapshotFiles.loadDirectory(applied);
        Report after = new DiagnosisService(e -> snapshot).diagnose(new Samples(Path.of("events/trust-principal-not-trusted")).event());
        assertThat(JsonReport.render(after).path("causes").findValuesAsText("id")).containsExactly("NOT_REPRODUCED");
        // and no one else the edit reaches gains: the verification of the very same document
        assertThat(report.remediation().bystanders()).isNotEmpty().noneMatch(b -> b.gains());
    }

    @Test
    void aValueJoinsASubstitutedConditionValueWithoutResolvingIt() throws IOException {
        String template = """
                Parameters:
                  PipelineAccount: {Type: String}
                Resources:
                  Deploy:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: deploy-role
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Sid: Pipelines
                            Effect: Allow
                            Principal: {AWS: !Sub "arn:aws:iam::${PipelineAccount}:root"}
                            Action: sts:AssumeRole
                            Condition:
                              ArnLike:
                                aws:PrincipalArn: !Sub "arn:aws:iam::${PipelineAccount}:role/pipeline-*"
                """;
        Report.Diagnosed report = run(Path.of("events/condition-principal-arn"), Map.of("Pipelines", template));
        IacPlan plan = report.iac().get(0);
        JsonNode value = plan.template().orElseThrow().path("Resources").path("Deploy").path("Properties").path("AssumeRolePolicyDocument")
                .path("Statement").path(0).path("Condition").path("ArnLike").path("aws:PrincipalArn");
        assertThat(value).isEqualTo(Json.readTree("[{\"Fn::Sub\":\"arn:aws:iam::${PipelineAccount}:role/pipeline-*\"},"
                + "\"arn:aws:iam::222222222222:role/deploy-bot\"]"));
        assertThat(Resolver.resolve(plan.template().get().path("Resources").path("Deploy").path("Properties").path("AssumeRolePolicyDocument"),
                Map.of("PipelineAccount", "222222222222"))).isEqualTo(report.remediation().patches().get(0).document());
    }

    @Test
    void aDocumentThatIsAParameterOrAConditionsChoiceKeepsTheCliPatchMarkedAsDrift() throws IOException {
        String parameter = """
                {"Parameters": {"Trust": {"Type": "String"}},
                 "Resources": {"Deploy": {"Type": "AWS::IAM::Role",
                   "Properties": {"RoleName": "deploy-role", "AssumeRolePolicyDocument": {"Ref": "Trust"}}}}}
                """;
        IacPlan plan = run(Path.of("events/trust-principal-not-trusted"), Map.of("Roles", parameter)).iac().get(0);
        assertThat(plan.kind()).isEqualTo(IacPlan.Kind.CLOUDFORMATION);
        assertThat(plan.templatePatch()).isFalse();
        assertThat(plan.reason()).contains("the AssumeRolePolicyDocument is the stack parameter Trust: change the value passed to the stack");
        assertThat(plan.cliCausesDrift()).isTrue();
        assertThat(plan.headline()).contains("the command below causes drift");

        String chosen = """
                Conditions: {Prod: !Equals [a, a]}
                Resources:
                  Deploy:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: deploy-role
                      AssumeRolePolicyDocument: !If [Prod, {Version: "2012-10-17", Statement: []}, !Ref AWS::NoValue]
                """;
        IacPlan ifPlan = run(Path.of("events/trust-principal-not-trusted"), Map.of("Roles", chosen)).iac().get(0);
        assertThat(ifPlan.reason().orElseThrow()).contains("chosen by the condition Prod (Fn::If)");
        String text = TextReport.render(run(Path.of("events/trust-principal-not-trusted"), Map.of("Roles", chosen)));
        assertThat(text).contains("CLI (causes drift): aws iam update-assume-role-policy");
    }

    @Test
    void aRoleThatDriftedFromItsTemplateIsNotPatchedThroughIt() throws IOException {
        // a literal is compared with what is deployed (an intrinsic's value is CloudFormation's to compute)
        String template = read(DEPLOY_STACK).replace("!Sub arn:${AWS::Partition}:iam::${CiAccount}:role/ci/ci-runner",
                "arn:aws:iam::222222222222:role/ci/other-runner");
        IacPlan plan = run(Path.of("events/trust-principal-not-trusted"), Map.of("DeployStack", template)).iac().get(0);
        assertThat(plan.templatePatch()).isFalse();
        assertThat(plan.reason().orElseThrow()).contains("drifted").contains("/Statement/0/Principal/AWS");
    }

    @Test
    void aStackSetInstanceIsNamedAsItsStackSet() throws IOException {
        IacPlan plan = run(Path.of("events/trust-principal-not-trusted"),
                Map.of("StackSet-org-deploy-roles-0a1b2c3d-4e5f-6789-abcd-ef0123456789", read(DEPLOY_STACK))).iac().get(0);
        assertThat(plan.stack().orElseThrow().stackSet()).contains("org-deploy-roles");
        assertThat(plan.headline()).startsWith("defined in StackSet org-deploy-roles (DeployRole4B8A12F3)");
        assertThat(plan.changeSetCommand().orElseThrow()).startsWith("aws cloudformation update-stack-set --stack-set-name 'org-deploy-roles'");
        assertThat(plan.notes()).anyMatch(n -> n.contains("the change belongs in the StackSet"));
    }

    @Test
    void aRoleOutsideAnyStackKeepsItsCliPatchAndNamesTheToolItsTagNames() throws IOException {
        Path sample = TemplateFixture.sample("trust-principal-not-trusted", dir, "111111111111", details ->
                TemplateFixture.role(details, "deploy-role").putArray("Tags").addObject().put("Key", "managed-by").put("Value", "terraform"));
        Report.Diagnosed report = run(sample, Map.of("Other", "Resources: {B: {Type: AWS::S3::Bucket}}"));
        IacPlan plan = report.iac().get(0);
        assertThat(plan.kind()).isEqualTo(IacPlan.Kind.NONE);
        assertThat(plan.managedBy()).contains("terraform (tag managed-by)");
        assertThat(plan.headline()).isEqualTo("managed by terraform (tag managed-by): make this change there; the command below causes drift");
        JsonNode json = JsonReport.render(report).path("patches").path(0);
        assertThat(json.path("command").asText()).startsWith("aws iam update-assume-role-policy");
        assertThat(json.path("iac").path("kind").asText()).isEqualTo("none");
        assertThat(json.path("iac").has("template")).isFalse();
    }

    @Test
    void aCopiedExternalIdGuardKeepsTheTemplatesParameterAndALiteralOneIsNeverShown() throws IOException {
        Path sample = TemplateFixture.sample("trust-principal-not-trusted", dir, "111111111111", details ->
                ((ObjectNode) TemplateFixture.role(details, "deploy-role").path("AssumeRolePolicyDocument").path("Statement").path(0))
                        .putObject("Condition").putObject("StringEquals").put("sts:ExternalId", "s3cr3t-external-id"));
        String byParameter = read(DEPLOY_STACK).replace("            Action: sts:AssumeRole\n",
                "            Action: sts:AssumeRole\n            Condition:\n              StringEquals: {sts:ExternalId: !Ref ExternalId}\n");
        Report.Diagnosed report = run(sample, Map.of("DeployStack", byParameter));
        IacPlan plan = report.iac().get(0);
        assertThat(plan.templatePatch()).isTrue();
        JsonNode added = plan.jsonPatch().orElseThrow().get(0).path("value");
        assertThat(added.path("Condition").path("StringEquals").path("sts:ExternalId")).isEqualTo(Json.readTree("{\"Ref\":\"ExternalId\"}"));
        assertThat(Json.compact(JsonReport.render(report))).doesNotContain("s3cr3t-external-id");

        String literal = read(DEPLOY_STACK).replace("            Action: sts:AssumeRole\n",
                "            Action: sts:AssumeRole\n            Condition:\n              StringEquals: {sts:ExternalId: s3cr3t-external-id}\n");
        Report.Diagnosed shown = run(sample, Map.of("DeployStack", literal));
        assertThat(shown.iac().get(0).secretsRedacted()).isTrue();
        assertThat(Json.compact(JsonReport.render(shown))).doesNotContain("s3cr3t-external-id");
        assertThat(TextReport.render(shown)).doesNotContain("s3cr3t-external-id");
    }

    @Test
    void thePatchedTemplatesAreValidCloudFormation() throws Exception {
        // cfn-lint reads both the original (YAML, short forms) and the patched one (JSON, long forms) without a finding
        Path patched = dir.resolve("DeployStack.template.json");
        Files.writeString(patched, Json.pretty(run(Path.of("events/trust-principal-not-trusted"), Map.of("DeployStack", read(DEPLOY_STACK)))
                .iac().get(0).template().orElseThrow()));
        Process lint = new ProcessBuilder(dev.assumeroledoctor.inspect.MotoServer.executable("cfn-lint"), DEPLOY_STACK, patched.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(lint.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    private Report.Diagnosed run(Path sample, Map<String, String> templates) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            Path file = Files.createTempFile(dir, t.getKey(), ".template");
            Files.writeString(file, t.getValue());
            files.put(t.getKey(), file);
        }
        Snapshot snapshot = SnapshotFiles.loadDirectory(sample);
        return (Report.Diagnosed) new DiagnosisService(e -> snapshot).withIac(new IacPlanner(new GivenTemplates(files), IacPlanner.DEFAULT_TAG_KEYS))
                .diagnose(new Samples(Path.of("events", sample.startsWith(dir) ? "trust-principal-not-trusted" : sample.getFileName().toString())).event());
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static JsonNode without(JsonNode template, String logicalId, String property) {
        ObjectNode copy = template.deepCopy();
        ((ObjectNode) copy.path("Resources").path(logicalId).path("Properties")).remove(property);
        return copy;
    }
}
