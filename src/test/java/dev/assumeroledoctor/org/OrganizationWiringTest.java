package dev.assumeroledoctor.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.faults.FaultProxy;
import dev.assumeroledoctor.handler.DiagnosisHandler;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.LookupEventsEndpoint;
import dev.assumeroledoctor.watch.ChangeWatch;
import dev.assumeroledoctor.watch.DiagnosisHistory;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.inspect.MotoWorld;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.scenario.Scenario;
import dev.assumeroledoctor.service.DiagnosisService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The organization deployment in moto, across accounts and regions: the member rule of
 * {@code org/member.yaml} in account M (eu-west-1) forwards a failed AssumeRole to the central bus
 * of account C (us-east-1), whose rule from {@code template.yaml} delivers it; the real handler,
 * as the central inspector, reads M through the inspector role and never enters an account
 * outside the organization. (moto runs no Java Lambda: the central rule's target is a queue the
 * test hands to the handler, as the alias would receive it.)
 */
class OrganizationWiringTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    static final String MANAGEMENT = "123456789012";
    static final String OUTSIDER = "444455556666";
    private MotoWorld world;
    private String organizationId;
    private String central;
    private String member;
    private FaultProxy proxy;

    @BeforeEach
    void organization() throws Exception {
        MOTO.reset();
        world = new MotoWorld(MOTO.endpoint());
        try (OrganizationsClient orgs = client(OrganizationsClient.builder(), MANAGEMENT, Region.US_EAST_1)) {
            organizationId = orgs.createOrganization(r -> r.featureSet("ALL")).organization().id();
            central = orgs.createAccount(r -> r.email("central@example.com").accountName("central")).createAccountStatus().accountId();
            member = orgs.createAccount(r -> r.email("member@example.com").accountName("member")).createAccountStatus().accountId();
        }
        proxy = new FaultProxy(MOTO.endpoint(), 1_000);
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void aMemberAccountsFailureReachesTheCentralRuleAndNothingElseDoes() {
        String queue = wire();
        EventBridgeClient events = client(EventBridgeClient.builder(), member, Region.EU_WEST_1);
        JsonNode failed = record("arn:aws:iam::" + member + ":role/deploy-role", "e0a1b2c3-0000-4000-8000-000000000001");
        ObjectNode succeeded = (ObjectNode) failed.deepCopy();
        succeeded.remove("errorCode");
        succeeded.remove("errorMessage");
        for (JsonNode detail : List.of(failed, succeeded)) {
            events.putEvents(r -> r.entries(e -> e.source("aws.sts").detailType("AWS API Call via CloudTrail").detail(Json.compact(detail))));
        }
        List<Message> delivered = receive(queue);
        assertThat(delivered).hasSize(1);
        assertThat(Json.readTree(delivered.get(0).body()).path("detail").path("eventID").asText()).isEqualTo("e0a1b2c3-0000-4000-8000-000000000001");
    }

    @Test
    void theCentralInspectorReadsTheMemberThroughItsInspectorRoleAndNotifiesOncePerEvent() throws Exception {
        String queue = wire();
        memberIam();
        Central fn = function();
        client(EventBridgeClient.builder(), member, Region.EU_WEST_1).putEvents(r -> r.entries(e -> e.source("aws.sts")
                .detailType("AWS API Call via CloudTrail").detail(Json.compact(record("arn:aws:iam::" + member + ":role/deploy-role",
                        "e0a1b2c3-0000-4000-8000-000000000002")))));
        String event = receive(queue).get(0).body();
        assertThat(outcome(invoke(fn.handler, event))).isEqualTo("delivered");
        assertThat(proxy.requests).anyMatch(r -> r.startsWith("AssumeRole ") && r.contains("arn:aws:iam::" + member + ":role/assume-role-doctor-inspector"));
        List<Message> notes = receive(fn.subscriber);
        assertThat(notes).hasSize(1);
        assertThat(Json.readTree(notes.get(0).body()).path("Message").asText()).contains("TRUST_PRINCIPAL_NOT_TRUSTED");
        // delivered twice by EventBridge (or by two trails): notified once, across containers
        assertThat(outcome(invoke(function().handler, event))).isEqualTo("duplicate");
        assertThat(receive(fn.subscriber)).isEmpty();
    }

    @Test
    void anEventNamingAnAccountOutsideTheOrganizationNeverStartsAnAssumeRoleIntoIt() throws Exception {
        memberIam();
        Central fn = function();
        ObjectNode event = Scenario.envelope(record("arn:aws:iam::" + OUTSIDER + ":role/anything", "e0a1b2c3-0000-4000-8000-000000000003"), member);
        assertThat(outcome(invoke(fn.handler, Json.compact(event)))).isEqualTo("delivered");
        assertThat(proxy.requests).noneMatch(r -> r.startsWith("AssumeRole ") && r.contains(OUTSIDER));
        String message = Json.readTree(receive(fn.subscriber).get(0).body()).path("Message").asText();
        assertThat(message).contains("INSUFFICIENT_DATA");
        assertThat(Json.readTree(message).path("content").path("description").asText()).contains("outside organization");
    }

    @Test
    void anEventWhoseAccountIsNotItsRecordsRecipientIsSkippedBeforeAnyAwsCall() throws Exception {
        Central fn = function();
        proxy.clear();
        ObjectNode event = Scenario.envelope(record("arn:aws:iam::" + member + ":role/deploy-role", "e0a1b2c3-0000-4000-8000-000000000004"), central);
        JsonNode result = Json.readTree(invoke(fn.handler, Json.compact(event)));
        assertThat(result.path("outcome").asText()).isEqualTo("not-applicable");
        assertThat(result.path("reason").asText()).contains("recipientAccountId differ");
        assertThat(proxy.operations).isEmpty();
    }

    @Test
    void aMembersTrustEditThatDropsACallerIsForwardedFromUsEast1AndWarnsNamingIt() throws Exception {
        String queue = wire("OrganizationPolicyChangeRule", "ForwardPolicyChanges", Region.US_EAST_1);
        memberIam();
        String role = "arn:aws:iam::" + member + ":role/deploy-role";
        try (LookupEventsEndpoint trail = new LookupEventsEndpoint()) {
            // yesterday ci-user assumed the role (the trust then named it); today's edit names someone else
            trail.record("us-east-1", succeeded(role, "e0a1b2c3-0000-4000-8000-000000000010", Duration.ofDays(1)));
            Central fn = function(Optional.of(trail.uri()));
            EventBridgeClient events = client(EventBridgeClient.builder(), member, Region.US_EAST_1);
            for (JsonNode change : List.of(change("AccessDenied", "c4a17e00-0000-4000-8000-000000000009"), change(null,
                    "c4a17e00-0000-4000-8000-000000000010"), readOnly())) {
                events.putEvents(r -> r.entries(e -> e.source(change.path("eventSource").asText().equals("iam.amazonaws.com") ? "aws.iam" : "aws.sts")
                        .detailType("AWS API Call via CloudTrail").detail(Json.compact(change))));
            }
            // only the successful write reaches the central rule: the failed one changed nothing, a read is not watched
            List<Message> delivered = receive(queue);
            assertThat(delivered).hasSize(1);
            String event = delivered.get(0).body();
            JsonNode result = Json.readTree(invoke(fn.handler, event));
            assertThat(result.path("outcome").asText()).isEqualTo("warned");
            assertThat(result.path("broken").asInt()).isEqualTo(1);
            assertThat(trail.requests).isNotEmpty();
            JsonNode note = Json.readTree(receive(fn.subscriber).get(0).body());
            assertThat(note.path("Subject").asText()).isEqualTo("Policy change UpdateAssumeRolePolicy breaks 1 AssumeRole caller");
            // an SQS subscriber gets the default (chat) rendering
            String chat = Json.readTree(note.path("Message").asText()).path("content").path("description").asText();
            // (chat markdown shows underscores as full-width low lines, which no client reads as emphasis)
            assertThat(chat).contains("`arn:aws:iam::" + member + ":user/ci-user` → `" + role + "`:").contains("TRUST＿PRINCIPAL＿NOT＿TRUSTED")
                    .contains("by `arn:aws:sts::" + member + ":assumed-role/Admin/carol`");
            assertThat(note.path("MessageAttributes").path("kind").path("Value").asText()).isEqualTo("policy-change");
            // the same change delivered again warns once
            assertThat(Json.readTree(invoke(function(Optional.of(trail.uri())).handler, event)).path("outcome").asText()).isEqualTo("duplicate");

            // ci-user's next call fails: its diagnosis names the last success and the edit as the likely trigger
            trail.record("us-east-1", change(null, "c4a17e00-0000-4000-8000-000000000010"));
            ObjectNode failure = Scenario.envelope(record(role, "e0a1b2c3-0000-4000-8000-000000000011"), member);
            assertThat(outcome(invoke(fn.handler, Json.compact(failure)))).isEqualTo("delivered");
            String diagnosis = Json.readTree(Json.readTree(receive(fn.subscriber).get(0).body()).path("Message").asText())
                    .path("content").path("description").asText();
            assertThat(diagnosis).contains("*Last success* `arn:aws:iam::" + member + ":user/ci-user`")
                    .contains("*Likely trigger* `UpdateAssumeRolePolicy` on role deploy-role");
        }
    }

    @Test
    void anScpDenyAttachedToTheMembersOuNamesItsCallers() throws Exception {
        memberIam();
        String role = "arn:aws:iam::" + member + ":role/build-role";
        try (IamClient iam = client(IamClient.builder(), member, Region.AWS_GLOBAL)) {
            iam.createRole(r -> r.roleName("build-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + member + ":user/ci-user\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        String ou;
        String scp;
        try (OrganizationsClient orgs = client(OrganizationsClient.builder(), MANAGEMENT, Region.US_EAST_1)) {
            String root = orgs.listRoots().roots().get(0).id();
            ou = orgs.createOrganizationalUnit(r -> r.parentId(root).name("workloads")).organizationalUnit().id();
            orgs.moveAccount(r -> r.accountId(member).sourceParentId(root).destinationParentId(ou));
            scp = orgs.createPolicy(r -> r.name("no-role-hopping").type("SERVICE_CONTROL_POLICY").description("d").content(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoRoleHopping\",\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"*\"}]}")).policy().policySummary().id();
            orgs.attachPolicy(r -> r.policyId(scp).targetId(ou));
        }
        try (LookupEventsEndpoint trail = new LookupEventsEndpoint()) {
            trail.record("us-east-1", succeeded(role, "e0a1b2c3-0000-4000-8000-000000000030", Duration.ofHours(3)));
            ObjectNode attach = (ObjectNode) change(null, "c4a17e00-0000-4000-8000-000000000030");
            attach.put("eventSource", "organizations.amazonaws.com").put("eventName", "AttachPolicy").put("recipientAccountId", MANAGEMENT);
            attach.set("requestParameters", Json.mapper().createObjectNode().put("policyId", scp).put("targetId", ou));
            ((ObjectNode) attach.get("userIdentity")).put("accountId", MANAGEMENT).put("arn", "arn:aws:sts::" + MANAGEMENT + ":assumed-role/Admin/carol");
            ObjectNode event = Scenario.envelope(attach, MANAGEMENT);
            event.put("source", "aws.organizations");

            Central fn = function(Optional.of(trail.uri()));
            JsonNode result = Json.readTree(invoke(fn.handler, Json.compact(event)));
            assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("warned");
            // the OU's accounts were listed with Organizations and searched: the member's caller is named, with the SCP as the cause
            assertThat(proxy.requests).anyMatch(r -> r.startsWith("ListAccountsForParent"));
            String chat = Json.readTree(Json.readTree(receive(fn.subscriber).get(0).body()).path("Message").asText())
                    .path("content").path("description").asText();
            assertThat(chat).contains("`arn:aws:iam::" + member + ":user/ci-user` → `" + role + "`:").contains("SCP＿EXPLICIT＿DENY");
        }
    }

    /* ci-user's call to the role as CloudTrail records it when it succeeds, some time ago, through the global endpoint. */
    private JsonNode succeeded(String role, String eventId, Duration ago) {
        ObjectNode worked = (ObjectNode) record(role, eventId);
        worked.remove("errorCode");
        worked.remove("errorMessage");
        return worked.put("eventTime", java.time.Instant.now().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .put("awsRegion", "us-east-1");
    }

    /* M's trust edit as CloudTrail records it: deploy-role now trusts someone-else only (as memberIam created it). */
    private JsonNode change(String errorCode, String eventId) {
        ObjectNode record = (ObjectNode) Json.readTree("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAADMIN:carol",
                 "arn":"arn:aws:sts::%s:assumed-role/Admin/carol","accountId":"%s"},"eventTime":"%s",
                 "eventSource":"iam.amazonaws.com","eventName":"UpdateAssumeRolePolicy","awsRegion":"us-east-1",
                 "sourceIPAddress":"203.0.113.9","requestParameters":{"roleName":"deploy-role","policyDocument":"{}"},
                 "responseElements":null,"eventID":"%s","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,
                 "recipientAccountId":"%s","eventCategory":"Management"}"""
                .formatted(member, member, java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), eventId, member));
        if (errorCode != null) {
            record.put("errorCode", errorCode);
        }
        return record;
    }

    private JsonNode readOnly() {
        ObjectNode read = (ObjectNode) change(null, "c4a17e00-0000-4000-8000-000000000011");
        return read.put("eventName", "GetRole").put("readOnly", true);
    }

    private record Central(DiagnosisHandler handler, String subscriber) {
    }

    /* The function in account C: its own credentials, the inspector role elsewhere, Organizations through the management account. */
    private Central function() {
        return function(Optional.empty());
    }

    /* With a CloudTrail event history endpoint: the function watches policy changes too. */
    private Central function(Optional<URI> cloudTrail) {
        SnsClient sns = client(SnsClient.builder(), central, Region.US_EAST_1);
        SqsClient sqs = client(SqsClient.builder(), central, Region.US_EAST_1);
        DynamoDbClient dynamo = client(DynamoDbClient.builder(), central, Region.US_EAST_1);
        String topic = sns.createTopic(r -> r.name("diagnoses")).topicArn();
        String queue = sqs.createQueue(r -> r.queueName("subscriber")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        try {
            dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
            // a second container of the same function: the table is the deployment's
        }
        InspectorConfig config = new InspectorConfig(Region.US_EAST_1, world.credentials(central), Optional.of("assume-role-doctor-inspector"),
                Optional.of("arn:aws:iam::" + MANAGEMENT + ":role/org-reader"), cloudTrail.map(t -> Map.of("*", proxy.uri(), "cloudtrail", t))
                .orElse(Map.of("*", proxy.uri())), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 4, List.of(), Optional.of(organizationId));
        LiveInspector inspector = new LiveInspector(config);
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(new SnsSink(sns, topic)),
                Optional.of(new DeliveryLedger(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(world.credentials(central))
                .httpClient(UrlConnectionHttpClient.create()).build(), "ledger", Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        Optional<ChangeWatch> watch = cloudTrail.map(t -> new ChangeWatch(inspector.history(List.of("us-east-1")), inspector,
                ChangeWatch.Limits.defaults(), Clock.systemUTC(), Runnable::run));
        Optional<DiagnosisHistory> history = cloudTrail.map(t -> new DiagnosisHistory(inspector.history(List.of("us-east-1")), inspector,
                Duration.ofDays(7), Clock.systemUTC(), Runnable::run));
        return new Central(new DiagnosisHandler(new DiagnosisService(inspector, inspector::selfEvent), delivery, Optional.of(inspector), watch,
                history), queue);
    }

    /* The central bus and rule in C (us-east-1), the member rule in M (eu-west-1), from the templates. */
    private String wire() {
        return wire("OrganizationFailedAssumeRoleRule", "ForwardFailedAssumeRole", Region.EU_WEST_1);
    }

    private String wire(String centralRuleName, String memberRuleName, Region memberRegion) {
        JsonNode centralRule = Templates.resource(Templates.CENTRAL, centralRuleName);
        JsonNode memberRule = Templates.resource(Templates.MEMBER, memberRuleName);
        String busName = Templates.read(Templates.CENTRAL).at("/Parameters/EventBusName/Default").asText();
        EventBridgeClient centralEvents = client(EventBridgeClient.builder(), central, Region.US_EAST_1);
        String bus = centralEvents.createEventBus(r -> r.name(busName)).eventBusArn();
        SqsClient sqs = client(SqsClient.builder(), central, Region.US_EAST_1);
        String queue = sqs.createQueue(r -> r.queueName("function-alias")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        centralEvents.putRule(r -> r.name("central").eventBusName(busName).eventPattern(Json.compact(centralRule.path("EventPattern")))
                .state(centralRule.path("State").asText()));
        centralEvents.putTargets(r -> r.rule("central").eventBusName(busName).targets(t -> t.id("diagnose").arn(queueArn)));
        try (IamClient iam = client(IamClient.builder(), member, Region.AWS_GLOBAL)) {
            JsonNode role = Templates.resource(Templates.MEMBER, "ForwardingRole");
            String trust = Json.compact(role.path("AssumeRolePolicyDocument")).replace("\"AWS::AccountId\"", "\"" + member + "\"");
            String roleArn = iam.createRole(r -> r.roleName("forwarding").assumeRolePolicyDocument(trust)).role().arn();
            EventBridgeClient memberEvents = client(EventBridgeClient.builder(), member, memberRegion);
            memberEvents.putRule(r -> r.name("forward").eventPattern(Json.compact(memberRule.path("EventPattern")))
                    .state(memberRule.path("State").asText()));
            memberEvents.putTargets(r -> r.rule("forward").targets(t -> t.id("central-bus").arn(bus).roleArn(roleArn)));
        }
        return queue;
    }

    /* M's IAM: a user whose own policy allows AssumeRole, a role that trusts someone else, and the inspector role of member.yaml. */
    private void memberIam() {
        try (IamClient iam = client(IamClient.builder(), member, Region.AWS_GLOBAL)) {
            iam.createUser(r -> r.userName("ci-user"));
            iam.putUserPolicy(r -> r.userName("ci-user").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
            iam.createRole(r -> r.roleName("deploy-role").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + member + ":user/someone-else\"},\"Action\":\"sts:AssumeRole\"}]}"));
            JsonNode inspector = Templates.resource(Templates.MEMBER, "InspectorRole");
            String trust = Json.compact(inspector.path("AssumeRolePolicyDocument"))
                    .replace("\"DiagnoseFunctionRoleArn\"", "\"arn:aws:iam::" + central + ":role/diagnose-function\"");
            iam.createRole(r -> r.roleName("assume-role-doctor-inspector").assumeRolePolicyDocument(trust));
            iam.putRolePolicy(r -> r.roleName("assume-role-doctor-inspector").policyName("read")
                    .policyDocument(Json.compact(inspector.at("/Policies/0/PolicyDocument"))));
        }
    }

    /* A failed AssumeRole record as CloudTrail writes it in M: ci-user of M asks for the role. */
    private JsonNode record(String role, String eventId) {
        String user = "arn:aws:iam::" + member + ":user/ci-user";
        return Json.readTree("""
                {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE000000001","arn":"%s","accountId":"%s",
                 "accessKeyId":"AKIAEXAMPLEKEY000001","userName":"ci-user"},"eventTime":"2026-11-30T10:00:00Z","eventSource":"sts.amazonaws.com",
                 "eventName":"AssumeRole","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.30",
                 "errorCode":"AccessDenied","errorMessage":"User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
                 "requestParameters":{"roleArn":"%s","roleSessionName":"ci"},"responseElements":null,"eventID":"%s","readOnly":true,
                 "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"%s","eventCategory":"Management"}"""
                .formatted(user, member, user, role, role, eventId, member));
    }

    private List<Message> receive(String queue) {
        SqsClient sqs = client(SqsClient.builder(), central, Region.US_EAST_1);
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        messages.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
        return messages;
    }

    private static String outcome(String result) {
        return Json.readTree(result).path("outcome").asText();
    }

    private static String invoke(DiagnosisHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, String account, Region region) {
        AwsCredentialsProvider credentials = world.credentials(account);
        URI endpoint = MOTO.endpoint();
        return builder.endpointOverride(endpoint).region(region).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
