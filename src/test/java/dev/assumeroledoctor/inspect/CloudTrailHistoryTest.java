package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.json.Json;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * The live history reads CloudTrail's event history with the exact LookupEvents requests the API
 * takes (one attribute, the time range, pages of 50), in every configured region, retries its
 * throttling, says when its page bound cut a lookup, and turns a refusal into a gap. IAM and
 * Organizations answers come from moto.
 */
class CloudTrailHistoryTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Instant SINCE = Instant.parse("2026-11-23T12:00:00Z");
    private LookupEventsEndpoint trail;
    private HistorySource history;

    @BeforeEach
    void start() throws Exception {
        MOTO.reset();
        trail = new LookupEventsEndpoint();
        history = inspector(Map.of("cloudtrail", trail.uri(), "*", MOTO.endpoint())).history(List.of("eu-west-1", "us-east-1"));
    }

    @AfterEach
    void stop() {
        trail.close();
    }

    @Test
    void successesAreReadPerRegionAndCallWithTheApisOwnRequestShape() {
        trail.record("eu-west-1", call("AssumeRole", "2026-11-29T08:00:00Z", null, "a"));
        trail.record("eu-west-1", call("AssumeRole", "2026-11-29T09:00:00Z", "AccessDenied", "b"));
        trail.record("us-east-1", call("AssumeRoleWithWebIdentity", "2026-11-29T10:00:00Z", null, "c"));
        trail.record("us-east-1", call("AssumeRole", "2026-11-01T10:00:00Z", null, "too-old"));

        HistorySource.Records records = history.successes("111111111111", SINCE);

        assertThat(records.records()).extracting(r -> r.path("sharedEventID").asText()).containsExactly("c", "a");
        assertThat(records.gaps()).isEmpty();
        assertThat(trail.targets).containsOnly("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents");
        assertThat(trail.regions).containsExactly("eu-west-1", "eu-west-1", "eu-west-1", "us-east-1", "us-east-1", "us-east-1");
        ObjectNode first = trail.requests.get(0);
        // the SDK's CloudTrail client writes timestamps as epoch seconds, a JSON number the API reads either way
        assertThat(first.fieldNames()).toIterable().containsExactly("LookupAttributes", "StartTime", "MaxResults");
        assertThat(Json.compact(first.path("LookupAttributes"))).isEqualTo("[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"AssumeRole\"}]");
        assertThat(first.path("StartTime").decimalValue().longValueExact()).isEqualTo(SINCE.getEpochSecond());
        assertThat(first.path("MaxResults").asInt()).isEqualTo(50);
        assertThat(trail.requests).extracting(r -> r.path("LookupAttributes").path(0).path("AttributeValue").asText())
                .containsExactly("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRole", "AssumeRoleWithSAML",
                        "AssumeRoleWithWebIdentity");
    }

    @Test
    void pagesAreFollowedAndThrottlingIsRetried() {
        for (int i = 0; i < 5; i++) {
            trail.record("eu-west-1", call("AssumeRole", "2026-11-29T08:0" + i + ":00Z", null, "s" + i));
        }
        trail.pageSize = 2;
        trail.throttle.set(2);
        HistorySource.Records records = inspector(Map.of("cloudtrail", trail.uri(), "*", MOTO.endpoint())).history(List.of("eu-west-1"))
                .successes("111111111111", SINCE);
        assertThat(records.records()).hasSize(5);
        assertThat(trail.requests).extracting(r -> r.path("NextToken").asText("")).contains("page-2", "page-4");
    }

    @Test
    void theReadIsBoundedAndSaysWhereItStopped() {
        for (int i = 0; i < CloudTrailHistory.MAX_PAGES + 2; i++) {
            trail.record("eu-west-1", call("AssumeRole", "2026-11-29T08:%02d:00Z".formatted(i), null, "s" + i));
        }
        trail.pageSize = 1;
        HistorySource.Records records = inspector(Map.of("cloudtrail", trail.uri(), "*", MOTO.endpoint())).history(List.of("eu-west-1"))
                .successes("111111111111", SINCE);
        assertThat(records.records()).hasSize(CloudTrailHistory.MAX_PAGES);
        assertThat(records.gaps()).anySatisfy(g -> assertThat(g).contains("account 111111111111 in eu-west-1 for AssumeRole")
                .contains("older calls were not checked"));
    }

    @Test
    void aRefusalIsAGapThatNamesThePermission() {
        trail.refuseWith = 400;
        assertThatThrownBy(() -> history.successes("111111111111", SINCE)).isInstanceOf(HistorySource.Gap.class)
                .hasMessageContaining("needs cloudtrail:LookupEvents");
    }

    @Test
    void anInspectorRoleThatCannotBeAssumedIsAGapToo() throws Exception {
        try (dev.assumeroledoctor.faults.FaultProxy proxy = new dev.assumeroledoctor.faults.FaultProxy(MOTO.endpoint(), 1_000)) {
            proxy.inject("AssumeRole", dev.assumeroledoctor.faults.FaultProxy.Fault.ACCESS_DENIED, -1);
            HistorySource viaRole = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                    Optional.of("assume-role-doctor-inspector"), Optional.empty(), Map.of("cloudtrail", trail.uri(), "*", proxy.uri()),
                    Duration.ofMinutes(5), Duration.ofSeconds(10), 4, List.of())).history(List.of("eu-west-1"));
            // the function's own account is 123456789012 in moto: another account needs the inspector role
            assertThatThrownBy(() -> viaRole.successes("111111111111", SINCE)).isInstanceOf(HistorySource.Gap.class)
                    .hasMessageContaining("sts:AssumeRole into the inspector role");
            assertThat(trail.requests).isEmpty();
        }
    }

    @Test
    void theCallersCopyIsFoundBySharedEventIdAroundTheSameSecond() {
        trail.record("eu-west-1", call("AssumeRole", "2026-11-29T08:00:00Z", null, "other"));
        ObjectNode mine = call("AssumeRole", "2026-11-29T08:00:01Z", null, "shared-1");
        mine.set("userIdentity", Json.readTree("{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::222222222222:user/bob\",\"accountId\":\"222222222222\"}"));
        trail.record("eu-west-1", mine);
        ObjectNode hidden = call("AssumeRole", "2026-11-29T08:00:01Z", null, "shared-1");

        Optional<JsonNode> copy = history.callerCopy("222222222222", hidden);

        assertThat(copy).hasValueSatisfying(c -> assertThat(c.path("userIdentity").path("arn").asText()).endsWith("user/bob"));
        ObjectNode request = trail.requests.get(0);
        assertThat(request.path("StartTime").asLong()).isEqualTo(Instant.parse("2026-11-29T08:00:01Z").getEpochSecond() - 60);
        assertThat(request.path("EndTime").asLong()).isEqualTo(Instant.parse("2026-11-29T08:00:01Z").getEpochSecond() + 60);
    }

    @Test
    void attachmentsGroupsAndTheOrganizationComeFromIamAndOrganizations() {
        try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(MOTO.endpoint())
                .credentialsProvider(MotoServer.CREDENTIALS).build();
             OrganizationsClient org = OrganizationsClient.builder().region(Region.US_EAST_1).endpointOverride(MOTO.endpoint())
                     .credentialsProvider(MotoServer.CREDENTIALS).build()) {
            String policy = iam.createPolicy(r -> r.policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"))
                    .policy().arn();
            iam.createUser(r -> r.userName("alice"));
            iam.createGroup(r -> r.groupName("deployers"));
            iam.addUserToGroup(r -> r.groupName("deployers").userName("alice"));
            iam.attachUserPolicy(r -> r.userName("alice").policyArn(policy));
            iam.attachGroupPolicy(r -> r.groupName("deployers").policyArn(policy));
            String account = policy.split(":")[4];
            HistorySource.Attachments attached = history.attachedTo(account, policy);
            assertThat(attached.users()).containsExactly("alice");
            assertThat(attached.groups()).containsExactly("deployers");
            assertThat(history.groupMembers(account, "deployers")).containsExactly("alice");

            org.createOrganization(r -> r.featureSet("ALL"));
            String root = org.listRoots().roots().get(0).id();
            String ou = org.createOrganizationalUnit(r -> r.parentId(root).name("tools")).organizationalUnit().id();
            String inner = org.createOrganizationalUnit(r -> r.parentId(ou).name("ci")).organizationalUnit().id();
            List<String> accounts = new java.util.ArrayList<>();
            for (String name : List.of("a1", "a2", "a3")) {
                String id = org.createAccount(r -> r.accountName(name).email(name + "@example.com")).createAccountStatus().accountId();
                org.moveAccount(r -> r.accountId(id).sourceParentId(root).destinationParentId(inner));
                accounts.add(id);
            }
            // every account under the OU, through its nested OUs: no bound
            assertThat(history.accountsUnder(ou)).containsExactlyInAnyOrderElementsOf(accounts);
            String scp = org.createPolicy(r -> r.name("deny").type("SERVICE_CONTROL_POLICY").description("d").content(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}"))
                    .policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(scp).targetId(ou));
            assertThat(history.policyTargets(scp)).containsExactly(ou);
        }
    }

    @Test
    void thePacerSpacesLookupsPerAccountAndRegionAndStaysBounded() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock clock = new java.time.Clock() {
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return Instant.ofEpochSecond(0, nanos.get());
            }
        };
        CloudTrailHistory.LookupPacer pacer = new CloudTrailHistory.LookupPacer(clock);
        long start = System.nanoTime();
        pacer.await("111111111111/eu-west-1");
        pacer.await("222222222222/eu-west-1");
        // two different keys: neither waits
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(400).toNanos());
        for (int i = 0; i < CloudTrailHistory.LookupPacer.MAX_KEYS + 10; i++) {
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            pacer.await("account-" + i + "/eu-west-1");
        }
        assertThat(pacer.keys()).isLessThanOrEqualTo(CloudTrailHistory.LookupPacer.MAX_KEYS);
    }

    private static ObjectNode call(String name, String time, String errorCode, String shared) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.set("userIdentity", Json.readTree("{\"type\":\"AWSAccount\",\"principalId\":\"AIDAEXAMPLE\",\"accountId\":\"222222222222\"}"));
        record.put("eventTime", time).put("eventSource", "sts.amazonaws.com").put("eventName", name).put("awsRegion", "eu-west-1")
                .put("sharedEventID", shared).put("eventID", shared + "-id").put("recipientAccountId", "111111111111");
        record.set("requestParameters", Json.readTree("{\"roleArn\":\"arn:aws:iam::111111111111:role/deploy\",\"roleSessionName\":\"s\"}"));
        if (errorCode != null) {
            record.put("errorCode", errorCode);
        }
        return record;
    }

    private static LiveInspector inspector(Map<String, URI> endpoints) {
        return new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, Optional.empty(), Optional.empty(), endpoints,
                Duration.ofMinutes(5), Duration.ofSeconds(10), 4, List.of()));
    }
}
