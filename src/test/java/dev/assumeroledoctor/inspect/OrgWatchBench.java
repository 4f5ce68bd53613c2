package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.fanout.PartQueue;
import dev.assumeroledoctor.fanout.PartStore;
import dev.assumeroledoctor.handler.SqsPoller;
import dev.assumeroledoctor.handler.WatchWorkerHandler;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.AlertNotification;
import dev.assumeroledoctor.notify.DeliveryLedger;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.RecordingSink;
import dev.assumeroledoctor.pipeline.ChangeEvents;
import dev.assumeroledoctor.pipeline.EventPipeline;
import dev.assumeroledoctor.pipeline.WatchParts;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An organization of N accounts in moto, each with a role its CI user assumed an hour ago (the call
 * in the account's own event history, served by a local LookupEvents endpoint), an SCP denying
 * sts:AssumeRole attached at the root, and the change run through the function and its watch
 * workers as Lambda runs them: the change event in, the parts on moto's SQS, workers fed batches of
 * ten, the parts gathered in moto's DynamoDB. bench/org-watch.sh prints what {@link #run} measures;
 * OrganizationWatchTest holds it to its promises at N = 60.
 */
public final class OrgWatchBench {
    private static final String MANAGEMENT = "999999999999";

    /** What one run measured. */
    public record Result(int accounts, Duration wall, int warnings, Optional<ChangeImpact> impact, int lookups, int iamCalls, int orgCalls,
                         int polls) {
        @Override
        public String toString() {
            return String.format("%d accounts in %.1f s: %d warning(s); brokenPaths %d, pathsChecked %d, accountsChecked %d, accountsUnchecked %d;"
                            + " per account %.1f LookupEvents, %.1f IAM calls; %d Organizations calls in all; %d worker batches", accounts,
                    wall.toMillis() / 1000.0, warnings, impact.map(i -> i.broken().size()).orElse(0), impact.map(ChangeImpact::checked).orElse(0),
                    impact.map(i -> i.accounts().size()).orElse(0), impact.map(i -> i.unchecked().size()).orElse(0), lookups / (double) accounts,
                    iamCalls / (double) accounts, orgCalls, polls);
        }
    }

    private OrgWatchBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(URI.create(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1));
    }

    /** @param containers warm containers the worker's batches go to in turn, each with its own inspector and cache */
    public static Result run(URI moto, int n, int containers) throws Exception {
        MotoWorld world = new MotoWorld(moto);
        ObjectNode org = Json.mapper().createObjectNode();
        org.putObject("Organization").put("Id", "o-bench00000").put("MasterAccountId", MANAGEMENT);
        ObjectNode accountsNode = org.putObject("Accounts");
        for (int i = 0; i < n; i++) {
            accountsNode.putObject(String.format("2%011d", i)).putArray("Path").add("r-root");
        }
        org.putArray("Policies");
        org.putObject("Targets");
        world.organization(org);
        List<String> accounts = world.accountIds.values().stream().filter(a -> !a.equals(MANAGEMENT)).toList();
        try (LookupEventsEndpoint trail = new LookupEventsEndpoint().perAccount(moto)) {
            Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
            for (String account : accounts) {
                try (IamClient iam = IamClient.builder().endpointOverride(moto).region(Region.AWS_GLOBAL).credentialsProvider(world.credentials(account))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
                    iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
                    iam.createUser(r -> r.userName("ci"));
                    iam.putUserPolicy(r -> r.userName("ci").policyName("assume").policyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"));
                }
                trail.record("us-east-1", success(account, hourAgo));
            }
            String root;
            String scp;
            try (OrganizationsClient orgs = OrganizationsClient.builder().endpointOverride(moto).region(Region.US_EAST_1)
                    .credentialsProvider(world.credentials(MANAGEMENT)).httpClient(UrlConnectionHttpClient.create()).build()) {
                root = orgs.listRoots().roots().get(0).id();
                scp = orgs.createPolicy(r -> r.name("NoAssumeRole").description("bench").type(PolicyType.SERVICE_CONTROL_POLICY).content(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoRoleHopping\",\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\","
                                + "\"Resource\":\"*\"}]}")).policy().policySummary().id();
                orgs.attachPolicy(r -> r.policyId(scp).targetId(root));
            }
            return change(moto, trail, world, accounts, root, scp, containers);
        }
    }

    private static Result change(URI moto, LookupEventsEndpoint trail, MotoWorld world, List<String> accounts, String root, String scp,
                                 int containers) {
        CallCounter counter = new CallCounter();
        SqsClient sqs = SqsClient.builder().endpointOverride(moto).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(moto).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        String queue = sqs.createQueue(r -> r.queueName("watch")).queueUrl();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        RecordingSink sink = new RecordingSink();
        List<AlertNotification> warnings = sink.warnings;
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(sink), Optional.of(new DeliveryLedger(dynamo, "ledger",
                Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        // each container as the function builds it (Wiring.watch): its own inspector and cache, parts that keep what they evaluated
        List<WatchParts> parts = new ArrayList<>();
        List<ChangeWatch> watches = new ArrayList<>();
        LiveInspector first = null;
        for (int c = 0; c < containers; c++) {
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                    Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + MANAGEMENT + ":role/org-reader"),
                    Map.of("*", moto, "cloudtrail", trail.uri()), Duration.ofMinutes(5), Duration.ofSeconds(20), 8, List.of(counter)));
            inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:assume-role-doctor", "assume-role-doctor");
            ChangeWatch watch = new ChangeWatch(inspector.history(List.of("us-east-1")), inspector, ChangeWatch.Limits.defaults(), Clock.systemUTC(),
                    Runnable::run).withEvidence(inspector::inspect);
            watches.add(watch);
            parts.add(new WatchParts(watch, new PartQueue(sqs, queue), new PartStore(dynamo, "ledger", Clock.systemUTC()), delivery,
                    Duration.ofSeconds(60)));
            first = first == null ? inspector : first;
        }
        EventPipeline pipeline = new EventPipeline(new DiagnosisService(first), delivery, Optional.empty(),
                new ChangeEvents(Optional.of(watches.get(0)), Optional.of(first), delivery, Optional.of(parts.get(0))));
        long start = System.nanoTime();
        pipeline.handle(Json.compact(attach(root, scp)).getBytes(StandardCharsets.UTF_8));
        List<WatchWorkerHandler> workers = parts.stream().map(WatchWorkerHandler::new).toList();
        int[] turn = {0};
        // the template's own mapping: its batch size, and its queue's maxReceiveCount before the failure queue
        com.fasterxml.jackson.databind.JsonNode template = template();
        int batch = template.at("/Resources/WatchWorkerFunction/Properties/Events/WatchQueue/Properties/BatchSize").asInt();
        int receives = template.at("/Resources/WatchQueue/Properties/RedrivePolicy/maxReceiveCount").asInt();
        int polls = SqsPoller.drain(sqs, queue, e -> workers.get(turn[0]++ % workers.size()).handleRequest(e, null), new ArrayList<>(), receives,
                Duration.ofHours(2), batch);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(accounts.size(), wall, warnings.size(), warnings.stream().findFirst().map(AlertNotification::impact),
                (int) trail.requests.size(), counter.total("Iam"), counter.total("Organizations"), polls);
    }

    private static com.fasterxml.jackson.databind.JsonNode template() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(java.nio.file.Path.of("template.yaml").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /* The CI user's successful AssumeRole into the account's role, as the account's event history holds it. */
    private static ObjectNode success(String account, Instant at) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("eventVersion", "1.08").put("eventTime", at.toString()).put("eventSource", "sts.amazonaws.com").put("eventName", "AssumeRole")
                .put("awsRegion", "us-east-1").put("sourceIPAddress", "198.51.100.7").put("userAgent", "aws-cli/2")
                .put("eventID", "5ucce55-0000-4000-8000-" + account).put("readOnly", true).put("eventType", "AwsApiCall")
                .put("recipientAccountId", account);
        record.putObject("userIdentity").put("type", "IAMUser").put("principalId", "AIDACI" + account).put("arn", "arn:aws:iam::" + account + ":user/ci")
                .put("accountId", account).put("accessKeyId", "AKIAEXAMPLE").put("userName", "ci");
        record.putObject("requestParameters").put("roleArn", "arn:aws:iam::" + account + ":role/app").put("roleSessionName", "build");
        record.putArray("resources").addObject().put("accountId", account).put("type", "AWS::IAM::Role")
                .put("ARN", "arn:aws:iam::" + account + ":role/app");
        return record;
    }

    /* The AttachPolicy record of the management account, as EventBridge delivers it. */
    private static ObjectNode attach(String root, String scp) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("eventVersion", "1.08").put("eventTime", Instant.now().toString()).put("eventSource", "organizations.amazonaws.com")
                .put("eventName", "AttachPolicy").put("awsRegion", "us-east-1").put("sourceIPAddress", "203.0.113.9")
                .put("eventID", "c4a17e00-0000-4000-8000-000000000042").put("readOnly", false).put("recipientAccountId", MANAGEMENT);
        record.putObject("userIdentity").put("type", "AssumedRole").put("principalId", "AROAADMIN:carol")
                .put("arn", "arn:aws:sts::" + MANAGEMENT + ":assumed-role/Admin/carol").put("accountId", MANAGEMENT);
        record.putObject("requestParameters").put("policyId", scp).put("targetId", root);
        record.putNull("responseElements");
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("version", "0").put("id", "e7e7e7e7-0000-4000-8000-000000000042").put("detail-type", "AWS API Call via CloudTrail")
                .put("source", "aws.organizations").put("account", MANAGEMENT).put("time", Instant.now().toString()).put("region", "us-east-1");
        envelope.putArray("resources");
        envelope.set("detail", record);
        return envelope;
    }
}
