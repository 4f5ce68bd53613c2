package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code template.yaml} says what the function needs (cfn-lint runs in {@code OrganizationTemplatesTest}, on both templates). */
class TemplateTest {
    private static final Path TEMPLATE = Path.of("template.yaml");

    @Test
    void theRuleCatchesEveryFailedAssumeRoleIncludingReadOnlyEvents() throws Exception {
        String template = Files.readString(TEMPLATE);
        // AssumeRole* calls are logged readOnly: true, which a plain ENABLED rule never receives
        assertThat(template).contains("State: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
                .contains("eventName: [AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity]")
                .contains("- AccessDenied").contains("- ValidationError")
                .contains("RetryPolicy:").contains("DeadLetterConfig:").contains("OnFailure:");
    }

    @Test
    void theFunctionIsJava21Arm64WithSnapStartOnItsHandler() throws Exception {
        String template = Files.readString(TEMPLATE);
        assertThat(template).contains("Runtime: java21").contains("Architectures: [arm64]").contains("ApplyOn: PublishedVersions")
                .contains("AutoPublishAlias: live").contains("Handler: dev.assumeroledoctor.handler.DiagnosisHandler::handleRequest");
        assertThat(Class.forName("dev.assumeroledoctor.handler.DiagnosisHandler").getMethod("handleRequest",
                java.io.InputStream.class, java.io.OutputStream.class, com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
    }

    @Test
    void optionalTargetsGetTheirPermissionsOnlyWhenOn() throws Exception {
        String template = Files.readString(TEMPLATE);
        // CreateOpsItem only with the opsitem target; the Jira credential from SSM or from Secrets Manager, each with its own read
        assertThat(template).contains("- HasOpsItem\n              # CreateOpsItem").contains("Action: secretsmanager:GetSecretValue")
                .contains("secret:${JiraCredentialsSecretName}-*").contains("/aws/reference/secretsmanager/${JiraCredentialsSecretName}")
                .doesNotContain("dynamodb:DeleteItem");
    }

    @Test
    void everyEnvironmentVariableTheFunctionReadsIsSet() throws Exception {
        String template = Files.readString(TEMPLATE);
        for (String name : new String[] {"DELIVERY_TARGETS", "SNS_TOPIC_ARN", "SUPPRESSION_TABLE", "SUPPRESSION_WINDOW_SECONDS",
                "CACHE_TTL_SECONDS", "INSPECTOR_ROLE_NAME", "ORGANIZATION_ROLE_ARN", "JIRA_BASE_URL", "JIRA_PROJECT_KEY",
                "JIRA_CREDENTIALS_PARAMETER", "LOG_LEVEL", "HISTORY_REGIONS", "HISTORY_DAYS"}) {
            assertThat(template).contains(name + ":");
        }
    }
}
