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
    void eachEventSourceHasItsOwnFunction() throws Exception {
        // failed calls, policy changes, the failure queue and the watch queue: one handler each, one role and jar between them
        com.fasterxml.jackson.databind.JsonNode r = yaml().path("Resources");
        assertThat(r.at("/PolicyChangeFunction/Properties/Handler").asText()).isEqualTo("dev.assumeroledoctor.handler.PolicyChangeHandler::handleRequest");
        assertThat(Class.forName("dev.assumeroledoctor.handler.PolicyChangeHandler").getMethod("handleRequest",
                java.io.InputStream.class, java.io.OutputStream.class, com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
        assertThat(r.at("/PolicyChangeFunction/Properties/Role").toString()).contains("DiagnoseFunctionRole.Arn");
        assertThat(r.at("/PolicyChangeFunction/Properties/EventInvokeConfig/DestinationConfig/OnFailure/Destination").toString())
                .contains("FailureQueue.Arn");
        for (String rule : java.util.List.of("PolicyChangeRule", "OrganizationPolicyChangeRule")) {
            assertThat(r.at("/" + rule + "/Properties/Targets/0/Arn").toString()).as(rule).contains("PolicyChangeFunction.Alias");
            assertThat(r.at("/" + rule + "InvokesFunction/Properties/FunctionName").toString()).as(rule).contains("PolicyChangeFunction.Alias");
        }
        assertThat(r.at("/FailedAssumeRoleRule/Properties/Targets/0/Arn").toString()).contains("DiagnoseFunction.Alias");
        assertThat(Files.readString(Path.of("Makefile"))).contains("build-PolicyChangeFunction:");
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

    /*
     * EventBridge writes a rule's dead letters only where the queue's policy admits that rule
     * ("Granting permissions to the dead-letter queue"): every DeadLetterConfig is checked against
     * the policy of the queue it names, in both branches of the organization condition.
     */
    @Test
    void everyRulesDeadLetterQueueAdmitsThatRule() {
        com.fasterxml.jackson.databind.JsonNode resources = yaml().path("Resources");
        java.util.Map<String, java.util.Set<String>> admitted = new java.util.HashMap<>();
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::SQS::QueuePolicy")) {
                String queue = r.getValue().path("Properties").path("Queues").get(0).asText();
                java.util.Set<String> rules = new java.util.HashSet<>();
                r.getValue().path("Properties").path("PolicyDocument").path("Statement").forEach(st -> {
                    com.fasterxml.jackson.databind.JsonNode sources = st.path("Condition").path("ArnEquals").path("aws:SourceArn");
                    // !If [HasOrganization, [with the organization's rules], [without]]: the rules of the branch without must be in both
                    rules.addAll(strings(sources.get(2)));
                    admitted.computeIfAbsent(queue + "#org", k -> new java.util.HashSet<>()).addAll(strings(sources.get(1)));
                });
                admitted.put(queue, rules);
            }
        });
        int checked = 0;
        for (var r : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) resources::fields) {
            if (!r.getValue().path("Type").asText().equals("AWS::Events::Rule")) {
                continue;
            }
            for (com.fasterxml.jackson.databind.JsonNode target : r.getValue().path("Properties").path("Targets")) {
                String dlq = target.path("DeadLetterConfig").path("Arn").asText();
                assertThat(dlq).as(r.getKey() + " keeps its dead letters").endsWith(".Arn");
                String queue = dlq.substring(0, dlq.length() - ".Arn".length());
                boolean organizationOnly = r.getValue().path("Condition").asText().equals("HasOrganization");
                assertThat(admitted.get(queue + "#org")).as(queue + " admits " + r.getKey() + " " + admitted).contains(r.getKey() + ".Arn");
                if (!organizationOnly) {
                    assertThat(admitted.get(queue)).as(queue + " admits " + r.getKey() + " without an organization").contains(r.getKey() + ".Arn");
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void theFailureQueueAndTheFunctionsAlarmAndEveryFunctionHasALogGroupWithRetention() {
        com.fasterxml.jackson.databind.JsonNode resources = yaml().path("Resources");
        java.util.Set<String> alarmed = new java.util.HashSet<>();
        java.util.Set<String> logged = new java.util.HashSet<>();
        resources.fields().forEachRemaining(r -> {
            com.fasterxml.jackson.databind.JsonNode p = r.getValue().path("Properties");
            if (r.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                assertThat(p.path("AlarmActions").size()).as(r.getKey() + " has an action").isEqualTo(1);
                alarmed.add(p.path("MetricName").asText() + "@" + p.path("Dimensions").get(0).path("Value").asText());
            }
            if (r.getValue().path("Type").asText().equals("AWS::Logs::LogGroup")) {
                assertThat(p.path("RetentionInDays").asText()).isEqualTo("LogRetentionDays");
                logged.add(p.path("LogGroupName").asText());
            }
        });
        assertThat(alarmed).contains("ApproximateNumberOfMessagesVisible@FailureQueue.QueueName", "ApproximateAgeOfOldestMessage@FailureQueue.QueueName",
                "Errors@DiagnoseFunction", "Errors@PolicyChangeFunction", "Errors@ReplayFunction", "Errors@WatchWorkerFunction");
        resources.fields().forEachRemaining(r -> {
            if (r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                assertThat(logged).as(r.getKey() + " has a log group").contains("/aws/lambda/${" + r.getKey() + "}");
            }
        });
    }

    @Test
    void theReplayReadsTheFailureQueueOffByDefaultWithPartialBatchFailuresAndBoundedConcurrency() throws Exception {
        com.fasterxml.jackson.databind.JsonNode template = yaml();
        com.fasterxml.jackson.databind.JsonNode replay = template.at("/Resources/ReplayFunction/Properties");
        assertThat(replay.path("Handler").asText()).isEqualTo("dev.assumeroledoctor.handler.ReplayHandler::handleRequest");
        com.fasterxml.jackson.databind.JsonNode source = replay.at("/Events/FailureQueue/Properties");
        assertThat(source.path("Queue").asText()).isEqualTo("FailureQueue.Arn");
        assertThat(source.path("Enabled").asText()).isEqualTo("ReplayEnabled");
        assertThat(template.at("/Parameters/ReplayEnabled/Default").asText()).isEqualTo("false");
        assertThat(source.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        assertThat(source.at("/ScalingConfig/MaximumConcurrency").asInt()).isBetween(2, 5);
        // Lambda refuses a queue whose visibility timeout is shorter than the function's timeout
        assertThat(template.at("/Resources/FailureQueue/Properties/VisibilityTimeout").asInt())
                .isGreaterThanOrEqualTo(template.at("/Globals/Function/Timeout").asInt());
        assertThat(Class.forName("dev.assumeroledoctor.handler.ReplayHandler").getMethod("handleRequest",
                com.amazonaws.services.lambda.runtime.events.SQSEvent.class, com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
    }

    @Test
    void aChangeIsFannedOutOnTheWatchQueueToAWorkerWithPartialBatchFailuresBoundedConcurrencyAndTheFailureQueueBehind() throws Exception {
        com.fasterxml.jackson.databind.JsonNode template = yaml();
        com.fasterxml.jackson.databind.JsonNode worker = template.at("/Resources/WatchWorkerFunction/Properties");
        assertThat(worker.path("Handler").asText()).isEqualTo("dev.assumeroledoctor.handler.WatchWorkerHandler::handleRequest");
        com.fasterxml.jackson.databind.JsonNode source = worker.at("/Events/WatchQueue/Properties");
        assertThat(source.path("Queue").asText()).isEqualTo("WatchQueue.Arn");
        assertThat(source.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
        assertThat(source.at("/ScalingConfig/MaximumConcurrency").asText()).isEqualTo("WatchConcurrency");
        assertThat(template.at("/Resources/WatchQueue/Properties/RedrivePolicy/deadLetterTargetArn").asText()).isEqualTo("FailureQueue.Arn");
        assertThat(template.at("/Resources/WatchQueue/Properties/VisibilityTimeout").asInt())
                .isGreaterThanOrEqualTo(template.at("/Globals/Function/Timeout").asInt());
        // every function names the queue and the table it uses
        assertThat(template.at("/Globals/Function/Environment/Variables/WATCH_QUEUE_URL").asText()).isEqualTo("WatchQueue");
        assertThat(template.at("/Globals/Function/Environment/Variables/SUPPRESSION_TABLE").asText()).isEqualTo("SuppressionTable");
        assertThat(Class.forName("dev.assumeroledoctor.handler.WatchWorkerHandler").getMethod("handleRequest",
                com.amazonaws.services.lambda.runtime.events.SQSEvent.class, com.amazonaws.services.lambda.runtime.Context.class)).isNotNull();
    }

    @Test
    void theAthenaHistoryIsTheDocumentedOrganizationTrailTableWithExactlyItsReads() {
        com.fasterxml.jackson.databind.JsonNode template = yaml();
        com.fasterxml.jackson.databind.JsonNode table = template.at("/Resources/HistoryTable/Properties/TableInput");
        assertThat(strings(table.path("PartitionKeys").findValues("Name").stream().collect(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode, (a, v) -> a.add(v), (a, b) -> a.addAll(b))))
                .containsExactly("account", "region", "timestamp");
        assertThat(table.at("/Parameters/projection.enabled").asText()).isEqualTo("true");
        assertThat(table.at("/Parameters/projection.account.type").asText()).isEqualTo("injected");
        assertThat(table.at("/StorageDescriptor/SerdeInfo/SerializationLibrary").asText()).isEqualTo("com.amazon.emr.hive.serde.CloudTrailSerde");
        // the columns the function's query selects are the table's
        java.util.Set<String> columns = new java.util.HashSet<>();
        table.at("/StorageDescriptor/Columns").forEach(c -> columns.add(c.path("Name").asText()));
        assertThat(columns).contains("eventid", "eventtime", "eventname", "awsregion", "sourceipaddress", "useragent", "recipientaccountid",
                "sharedeventid", "vpcendpointid", "useridentity", "requestparameters", "errorcode", "eventsource");
        String statements = template.at("/Resources/DiagnoseFunction/Properties/Policies").toString();
        assertThat(statements).contains("QueryTheOrganizationTrail").contains("athena:StartQueryExecution").contains("athena:GetQueryResults")
                .contains("glue:GetTable").contains("ReadTheTrailLogs").contains("WriteQueryResults");
        assertThat(template.at("/Globals/Function/Environment/Variables/HISTORY_SOURCE").asText()).isEqualTo("HistorySource");
        assertThat(template.at("/Resources/HistoryWorkGroup/Condition").asText()).isEqualTo("UseAthena");
    }

    private static com.fasterxml.jackson.databind.JsonNode yaml() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(TEMPLATE.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.List<String> strings(com.fasterxml.jackson.databind.JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
