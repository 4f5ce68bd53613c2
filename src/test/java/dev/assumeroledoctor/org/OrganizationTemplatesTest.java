package dev.assumeroledoctor.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.inspect.MotoServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The organization deployment's two templates: lint-clean, one event pattern everywhere, an
 * inspector role that reads exactly what the live inspector reads and trusts only the function.
 */
class OrganizationTemplatesTest {
    @Test
    void bothTemplatesAreLintClean() throws Exception {
        Process lint = new ProcessBuilder(MotoServer.executable("cfn-lint"), Templates.CENTRAL.toString(), Templates.MEMBER.toString())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        assertThat(lint.exitValue()).isZero();
    }

    @Test
    void everyRuleHasTheSamePatternAndSeesReadOnlyEvents() {
        JsonNode central = Templates.resource(Templates.CENTRAL, "FailedAssumeRoleRule");
        JsonNode organization = Templates.resource(Templates.CENTRAL, "OrganizationFailedAssumeRoleRule");
        JsonNode member = Templates.resource(Templates.MEMBER, "ForwardFailedAssumeRole");
        assertThat(organization.path("EventPattern")).isEqualTo(central.path("EventPattern"));
        assertThat(member.path("EventPattern")).isEqualTo(central.path("EventPattern"));
        for (JsonNode rule : List.of(central, organization, member)) {
            assertThat(rule.path("State").asText()).isEqualTo("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
        }
        // the organization rule retries and keeps what fails, like the account's own rule
        assertThat(organization.at("/Targets/0/RetryPolicy")).isEqualTo(central.at("/Targets/0/RetryPolicy"));
        assertThat(organization.at("/Targets/0/DeadLetterConfig")).isEqualTo(central.at("/Targets/0/DeadLetterConfig"));
    }

    @Test
    void everyPolicyChangeRuleMatchesExactlyTheWatchedSuccessfulWrites() {
        JsonNode central = Templates.resource(Templates.CENTRAL, "PolicyChangeRule");
        JsonNode organization = Templates.resource(Templates.CENTRAL, "OrganizationPolicyChangeRule");
        JsonNode member = Templates.resource(Templates.MEMBER, "ForwardPolicyChanges");
        assertThat(organization.path("EventPattern")).isEqualTo(central.path("EventPattern"));
        assertThat(member.path("EventPattern")).isEqualTo(central.path("EventPattern"));
        JsonNode detail = central.at("/EventPattern/detail");
        List<String> names = new ArrayList<>();
        detail.path("eventName").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(dev.assumeroledoctor.history.PolicyChanges.WATCHED.keySet());
        assertThat(detail.path("errorCode").toString()).isEqualTo("[{\"exists\":false}]");
        // writes are not read-only events: the plain ENABLED state receives them
        for (JsonNode rule : List.of(central, organization, member)) {
            assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
        }
        assertThat(member.at("/Targets/0/Arn").asText()).isEqualTo("CentralEventBusArn");
        assertThat(organization.at("/Targets/0/RetryPolicy")).isEqualTo(Templates.resource(Templates.CENTRAL, "FailedAssumeRoleRule")
                .at("/Targets/0/RetryPolicy"));
    }

    @Test
    void theInspectorRoleReadsExactlyWhatTheFunctionReadsAndNothingElse() {
        List<String> function = actions(statement(Templates.resource(Templates.CENTRAL, "DiagnoseFunction").at("/Policies/0/Statement"),
                "ReadWhatDecidesAssumeRole"));
        JsonNode inspector = Templates.resource(Templates.MEMBER, "InspectorRole");
        List<String> member = actions(statement(inspector.at("/Policies/0/PolicyDocument/Statement"), "ReadWhatDecidesAssumeRole"));
        assertThat(member).containsExactlyElementsOf(function);
        assertThat(member).allMatch(a -> a.matches("iam:(Get|List)\\w+"));
        // the change watch's reads: the account's event history and who a managed policy or group reaches
        List<String> history = actions(statement(inspector.at("/Policies/0/PolicyDocument/Statement"), "ReadRecentHistory"));
        assertThat(history).containsExactlyElementsOf(actions(statement(Templates.resource(Templates.CENTRAL, "DiagnoseFunction")
                .at("/Policies/0/Statement"), "ReadRecentHistory")));
        assertThat(history).containsExactly("cloudtrail:LookupEvents", "iam:ListEntitiesForPolicy", "iam:GetGroup");
        // the stack that defines a patched resource, and its template: exactly these two reads, as the function has in its own account
        List<String> stacks = actions(statement(inspector.at("/Policies/0/PolicyDocument/Statement"), "FindTheStackThatDefinesIt"));
        assertThat(stacks).containsExactly("cloudformation:DescribeStackResources", "cloudformation:GetTemplate");
        assertThat(stacks).containsExactlyElementsOf(actions(statement(Templates.resource(Templates.CENTRAL, "DiagnoseFunction")
                .at("/Policies/0/Statement"), "FindTheStackThatDefinesIt")));
        assertThat(inspector.at("/Policies")).hasSize(1);
        assertThat(inspector.at("/Policies/0/PolicyDocument/Statement")).hasSize(3);
    }

    @Test
    void theInspectorRoleTrustsOnlyTheDiagnoseFunctionAndExistsInOneRegion() {
        JsonNode member = Templates.read(Templates.MEMBER);
        assertThat(member.at("/Resources/InspectorRole/Condition").asText()).isEqualTo("CreateInspectorRole");
        assertThat(member.at("/Conditions/CreateInspectorRole").toString()).contains("AWS::Region").contains("InspectorRoleRegion");
        JsonNode trust = Templates.resource(Templates.MEMBER, "InspectorRole").path("AssumeRolePolicyDocument").path("Statement");
        assertThat(trust).hasSize(1);
        assertThat(trust.get(0).at("/Principal/AWS").asText()).isEqualTo("DiagnoseFunctionRoleArn");
        assertThat(trust.toString()).doesNotContain("\"*\"").doesNotContain(":root");
    }

    @Test
    void theForwardingRoleMayOnlyPutEventsOnTheCentralBus() {
        JsonNode role = Templates.resource(Templates.MEMBER, "ForwardingRole");
        JsonNode trust = role.at("/AssumeRolePolicyDocument/Statement/0");
        assertThat(trust.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(trust.at("/Condition/StringEquals").has("aws:SourceAccount")).isTrue();
        JsonNode allowed = role.at("/Policies/0/PolicyDocument/Statement");
        assertThat(allowed).hasSize(1);
        assertThat(allowed.get(0).path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(allowed.get(0).path("Resource").asText()).isEqualTo("CentralEventBusArn");
        assertThat(Templates.resource(Templates.MEMBER, "ForwardFailedAssumeRole").at("/Targets/0/Arn").asText()).isEqualTo("CentralEventBusArn");
    }

    @Test
    void theCentralBusAdmitsTheOrganizationOnlyAndTheFunctionAssumesOnlyItsRoles() {
        JsonNode policy = Templates.resource(Templates.CENTRAL, "CentralEventBusPolicy").path("Statement");
        assertThat(policy.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(policy.at("/Condition/StringEquals").has("aws:PrincipalOrgID")).isTrue();
        JsonNode statements = Templates.resource(Templates.CENTRAL, "DiagnoseFunction").at("/Policies/0/Statement");
        assertThat(statements.toString()).contains("aws:ResourceOrgID").contains("arn:${AWS::Partition}:iam::*:role/${InspectorRoleName}");
        JsonNode outputs = Templates.read(Templates.CENTRAL).path("Outputs");
        assertThat(outputs.has("EventBusArn")).isTrue();
        assertThat(outputs.has("FunctionRoleArn")).isTrue();
        // the functions share their environment (Globals): the replay runs the same pipeline with the same settings
        assertThat(Templates.read(Templates.CENTRAL).at("/Globals/Function/Environment/Variables").has("ORGANIZATION_ID")).isTrue();
    }

    private static JsonNode statement(JsonNode statements, String sid) {
        for (JsonNode s : statements) {
            if (sid.equals(s.path("Sid").asText())) {
                return s;
            }
        }
        throw new IllegalArgumentException("no statement " + sid);
    }

    private static List<String> actions(JsonNode statement) {
        List<String> out = new ArrayList<>();
        statement.path("Action").forEach(a -> out.add(a.asText()));
        return out;
    }
}
