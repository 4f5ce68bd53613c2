package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from environment variables set per test, never the machine's. */
class HandlerConfigTest {
    private static final String TOPIC = "arn:aws:sns:eu-west-1:111111111111:diagnoses";

    @Test
    void defaults() {
        HandlerConfig config = HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "sns", "SNS_TOPIC_ARN", TOPIC, "AWS_REGION", "eu-west-1"));
        assertThat(config.targets()).containsExactly("sns");
        assertThat(config.suppressionWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.inspectorRoleName()).isEmpty();
        assertThat(config.jiraIssueType()).isEqualTo("Task");
        assertThat(config.region()).isEqualTo("eu-west-1");
        // the change watch searches the function's own region for a week unless told otherwise
        assertThat(config.historyRegions()).containsExactly("eu-west-1");
        assertThat(config.historyLookback()).isEqualTo(Duration.ofDays(7));
        assertThat(HandlerConfig.fromEnvironment(with("HISTORY_REGIONS", "eu-west-1, us-east-1", "HISTORY_DAYS", "30")))
                .satisfies(c -> assertThat(c.historyRegions()).containsExactly("eu-west-1", "us-east-1"))
                .satisfies(c -> assertThat(c.historyLookback()).isEqualTo(Duration.ofDays(30)));
        // stacks that define IAM resources are looked for in the function's region, the tags teams use name who manages the rest
        assertThat(config.iac().stackRegions()).containsExactly("eu-west-1");
        assertThat(config.iac().tagKeys()).containsExactlyElementsOf(dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS);
        assertThat(HandlerConfig.fromEnvironment(with("STACK_REGIONS", "us-east-1,eu-central-1", "MANAGED_BY_TAG_KEYS", " owner-tool , ,managed-by")))
                .satisfies(c -> assertThat(c.iac().stackRegions()).containsExactly("us-east-1", "eu-central-1"))
                .satisfies(c -> assertThat(c.iac().tagKeys()).containsExactly("owner-tool", "managed-by"));
    }

    @Test
    void emptyValuesAreAbsentValues() {
        // CloudFormation passes an empty string for an unset optional parameter
        HandlerConfig config = HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "sns", "SNS_TOPIC_ARN", TOPIC,
                "INSPECTOR_ROLE_NAME", "", "ORGANIZATION_ROLE_ARN", "", "JIRA_BASE_URL", ""));
        assertThat(config.inspectorRoleName()).isEmpty();
        assertThat(config.organizationRoleArn()).isEmpty();
    }

    @Test
    void missingOrInvalidSettingsFailNamingTheVariable() {
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(Map.of())).hasMessage("DELIVERY_TARGETS is required");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "sns,pager")))
                .hasMessageStartingWith("DELIVERY_TARGETS: unknown target \"pager\"");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "sns")))
                .hasMessage("SNS_TOPIC_ARN is required when DELIVERY_TARGETS includes sns");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "sns", "SNS_TOPIC_ARN", "diagnoses")))
                .hasMessage("SNS_TOPIC_ARN is not an SNS topic ARN: diagnoses");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("JIRA_BASE_URL", "https://x.atlassian.net", "DELIVERY_TARGETS", "jira")))
                .hasMessage("JIRA_PROJECT_KEY is required when DELIVERY_TARGETS includes jira");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("SUPPRESSION_WINDOW_SECONDS", "an hour")))
                .hasMessage("SUPPRESSION_WINDOW_SECONDS must be a positive number of seconds, not \"an hour\"");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("CACHE_TTL_SECONDS", "0")))
                .hasMessage("CACHE_TTL_SECONDS must be a positive number of seconds, not \"0\"");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("ORGANIZATION_ROLE_ARN", "OrgReader")))
                .hasMessage("ORGANIZATION_ROLE_ARN is not an IAM role ARN: OrgReader");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("INSPECTOR_ROLE_NAME", "bad name")))
                .hasMessage("INSPECTOR_ROLE_NAME is not a role name: bad name");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("HISTORY_REGIONS", "eu-west-1,Europe")))
                .hasMessage("HISTORY_REGIONS: \"Europe\" is not a region name");
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("STACK_REGIONS", "global")))
                .hasMessage("STACK_REGIONS: \"global\" is not a region name");
        // CloudTrail's event history keeps 90 days
        assertThatThrownBy(() -> HandlerConfig.fromEnvironment(with("HISTORY_DAYS", "91")))
                .hasMessage("HISTORY_DAYS must be a number of days from 1 to 90 (CloudTrail's event history), not \"91\"");
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("DELIVERY_TARGETS", "sns", "SNS_TOPIC_ARN", TOPIC));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theHistorySourceIsCloudTrailUnlessAthenaIsNamedWithItsTable() {
        Map<String, String> base = Map.of("DELIVERY_TARGETS", "sns", "SNS_TOPIC_ARN", TOPIC, "AWS_REGION", "eu-west-1");
        assertThat(HandlerConfig.fromEnvironment(base).athena()).isEmpty();
        Map<String, String> athena = new java.util.HashMap<>(base);
        athena.putAll(Map.of("HISTORY_SOURCE", "athena", "ATHENA_WORKGROUP", "wg", "ATHENA_DATABASE", "trails", "ATHENA_TABLE", "organization_trail"));
        assertThat(HandlerConfig.fromEnvironment(athena).athena()).contains(new HandlerConfig.AthenaSource("wg", "trails", "organization_trail"));
        athena.remove("ATHENA_TABLE");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HandlerConfig.fromEnvironment(athena)).hasMessageContaining("ATHENA_TABLE is required");
        athena.put("HISTORY_SOURCE", "s3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HandlerConfig.fromEnvironment(athena)).hasMessageContaining("HISTORY_SOURCE");
        // the watch queue and its deadline
        Map<String, String> watch = new java.util.HashMap<>(base);
        watch.putAll(Map.of("WATCH_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/111111111111/watch", "WATCH_DEADLINE_SECONDS", "300"));
        assertThat(HandlerConfig.fromEnvironment(watch).watchQueueUrl()).isPresent();
        assertThat(HandlerConfig.fromEnvironment(watch).watchDeadline()).isEqualTo(Duration.ofMinutes(5));
    }
}
