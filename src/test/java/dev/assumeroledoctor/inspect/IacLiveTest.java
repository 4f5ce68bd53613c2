package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.iac.CfnTemplates;
import dev.assumeroledoctor.iac.IacPlan;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.iac.Resolver;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A role a CloudFormation stack defines, live: the stack is created in moto (CDK metadata, a
 * {@code !Sub} principal, in eu-west-1 while the function runs in us-east-1), the inspector finds it
 * with DescribeStackResources by physical id in each configured region and reads its template with
 * GetTemplate, through the inspector role of the role's account; the report's iac section names the
 * stack, and the patched template, applied, lets in exactly the failed caller.
 */
class IacLiveTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void aStackDefinedRoleGetsItsTemplateChangedAndAppliedItLetsInExactlyTheCaller() throws Exception {
        MotoWorld.Loaded loaded = load();
        String account = loaded.world().rewrite("111111111111");
        String stackId = defineRoleInStack(loaded.world(), account);
        try (CloudFormationEndpoint cfn = new CloudFormationEndpoint(MOTO.endpoint())) {
            LiveInspector inspector = new LiveInspector(config(loaded.world(), cfn.uri()));
            Report.Diagnosed report = diagnose(inspector, loaded.event());
            IacPlan plan = report.iac().get(0);
            assertThat(plan.kind()).isEqualTo(IacPlan.Kind.CLOUDFORMATION);
            assertThat(plan.stack().orElseThrow().stackName()).isEqualTo("DeployStack");
            assertThat(plan.stack().get().stackId()).contains(stackId);
            assertThat(plan.stack().get().region()).contains("eu-west-1");
            assertThat(plan.stack().get().logicalId()).isEqualTo("DeployRole4B8A12F3");
            assertThat(plan.cdkPath()).contains("DeployStack/DeployRole/Resource");
            assertThat(plan.changeSetCommand().orElseThrow()).startsWith("aws cloudformation create-change-set --region eu-west-1 --stack-name 'DeployStack'");

            // the exact requests: by physical id in every configured region at once, then the template as written, by stack id
            List<Map<String, String>> asked = cfn.requests;
            assertThat(asked.subList(0, 2)).extracting(r -> r.get("Action") + " " + r.get("_region")).containsExactlyInAnyOrder(
                    "DescribeStackResources us-east-1", "DescribeStackResources eu-west-1");
            assertThat(asked.subList(0, 2)).allSatisfy(r -> assertThat(r).containsEntry("PhysicalResourceId", "deploy-role")
                    .doesNotContainKey("StackName"));
            assertThat(asked).hasSize(3);
            assertThat(asked.get(2)).containsEntry("Action", "GetTemplate").containsEntry("_region", "eu-west-1").containsEntry("StackName", stackId)
                    .containsEntry("TemplateStage", "Original");

            // only the trust policy changed; applied, it makes the failed caller allowed, and the verification found no one else gaining
            ObjectNode original = CfnTemplates.parse(Files.readString(Path.of("src/test/resources/iac/deploy-stack.yaml")), "t");
            JsonNode patched = plan.template().orElseThrow();
            ((ObjectNode) original.path("Resources").path("DeployRole4B8A12F3").path("Properties")).remove("AssumeRolePolicyDocument");
            JsonNode trust = ((ObjectNode) patched.path("Resources").path("DeployRole4B8A12F3").path("Properties")).remove("AssumeRolePolicyDocument");
            assertThat(patched).isEqualTo(original);
            assertThat(report.remediation().verified()).isTrue();
            assertThat(report.remediation().bystanders()).isNotEmpty().noneMatch(b -> b.gains());
            JsonNode applied = Resolver.resolve(trust, Map.of("AWS::Partition", "aws", "CiAccount", loaded.world().rewrite("222222222222")));
            try (IamClient iam = IamClient.builder().endpointOverride(MOTO.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(loaded.world().credentials(account)).httpClient(UrlConnectionHttpClient.create()).build()) {
                iam.updateAssumeRolePolicy(r -> r.roleName("deploy-role").policyDocument(Json.compact(applied)));
            }
            inspector.clearCache();
            JsonNode after = JsonReport.render(new DiagnosisService(inspector).diagnose(loaded.event()));
            assertThat(after.path("causes").findValuesAsText("id")).containsExactly("NOT_REPRODUCED");
        }
    }

    @Test
    void aRefusedLookupIsAGapOfTheIacSectionNeverOfTheDiagnosis() throws Exception {
        MotoWorld.Loaded loaded = load();
        defineRoleInStack(loaded.world(), loaded.world().rewrite("111111111111"));
        try (CloudFormationEndpoint cfn = new CloudFormationEndpoint(MOTO.endpoint())) {
            cfn.refuse = true;
            LiveInspector inspector = new LiveInspector(config(loaded.world(), cfn.uri()));
            Report.Diagnosed report = diagnose(inspector, loaded.event());
            Report.Diagnosed without = (Report.Diagnosed) new DiagnosisService(inspector).diagnose(loaded.event());
            IacPlan plan = report.iac().get(0);
            assertThat(plan.kind()).isEqualTo(IacPlan.Kind.UNKNOWN);
            assertThat(plan.gap().orElseThrow()).contains("cloudformation:DescribeStackResources");
            assertThat(plan.templatePatch()).isFalse();
            ObjectNode json = JsonReport.render(report);
            ObjectNode plain = JsonReport.render(without);
            ((ObjectNode) json.path("patches").path(0)).remove("iac");
            assertThat(json).isEqualTo(plain);
        }
    }

    @Test
    void aRoleNoStackDefinesKeepsItsCliPatch() throws Exception {
        MotoWorld.Loaded loaded = load();
        try (CloudFormationEndpoint cfn = new CloudFormationEndpoint(MOTO.endpoint())) {
            LiveInspector inspector = new LiveInspector(config(loaded.world(), cfn.uri()));
            JsonNode patch = JsonReport.render(diagnose(inspector, loaded.event())).path("patches").path(0);
            assertThat(patch.path("iac").path("kind").asText()).isEqualTo("none");
            assertThat(patch.path("iac").path("notes").get(0).asText()).isEqualTo("no CloudFormation stack in us-east-1, eu-west-1 defines deploy-role");
            assertThat(patch.path("command").asText()).startsWith("aws iam update-assume-role-policy --role-name 'deploy-role'");
        }
    }

    private static Report.Diagnosed diagnose(LiveInspector inspector, JsonNode event) {
        return (Report.Diagnosed) new DiagnosisService(inspector).withIac(new IacPlanner(inspector.stacks(List.of("us-east-1", "eu-west-1")),
                IacPlanner.DEFAULT_TAG_KEYS)).diagnose(event);
    }

    /* The sample's role, replaced by the same role defined in a stack (CloudFormation resolves its !Sub to today's trust). */
    private static String defineRoleInStack(MotoWorld world, String account) throws Exception {
        return defineRoleInStack(MOTO.endpoint(), world, account);
    }

    static String defineRoleInStack(URI moto, MotoWorld world, String account) throws Exception {
        try (IamClient iam = IamClient.builder().endpointOverride(moto).region(Region.AWS_GLOBAL).credentialsProvider(world.credentials(account))
                .httpClient(UrlConnectionHttpClient.create()).build();
             CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(moto).region(Region.EU_WEST_1)
                     .credentialsProvider(world.credentials(account)).httpClient(UrlConnectionHttpClient.create()).build()) {
            iam.deleteRole(r -> r.roleName("deploy-role"));
            String template = Files.readString(Path.of("src/test/resources/iac/deploy-stack.yaml"));
            return cfn.createStack(r -> r.stackName("DeployStack").templateBody(template).capabilities(Capability.CAPABILITY_NAMED_IAM)
                    .parameters(p -> p.parameterKey("CiAccount").parameterValue(world.rewrite("222222222222")))).stackId();
        }
    }

    private static MotoWorld.Loaded load() throws Exception {
        MOTO.reset();
        return MotoWorld.load(MOTO.endpoint(), new Samples(Path.of("events", "trust-principal-not-trusted")));
    }

    private static InspectorConfig config(MotoWorld world, URI cloudFormation) {
        return new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, Optional.of("assume-role-doctor-inspector"),
                Optional.of("arn:aws:iam::" + world.managementAccount() + ":role/assume-role-doctor-organizations"),
                Map.of("*", MOTO.endpoint(), "cloudformation", cloudFormation), Duration.ofMinutes(5), Duration.ofSeconds(10), 8, List.of());
    }
}
