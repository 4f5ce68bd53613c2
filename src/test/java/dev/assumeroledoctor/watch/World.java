package dev.assumeroledoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small organization for the change watch: a role account (111111111111) whose role "deploy"
 * trusts two users of a tools account (222222222222), their recent successful calls recorded in
 * both accounts as CloudTrail does for a cross-account call (the role's account sees the caller
 * only as an account and principal id; the caller's copy shares the {@code sharedEventID}), and
 * an organization with each account in its own OU.
 */
final class World {
    static final String ROLE = "arn:aws:iam::111111111111:role/deploy";
    static final String ALICE = "arn:aws:iam::222222222222:user/alice";
    static final String BOB = "arn:aws:iam::222222222222:user/bob";
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String TRUST_BOTH = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Tools","Effect":"Allow","Principal":{"AWS":["%s","%s"]},
             "Action":"sts:AssumeRole"}]}""".formatted(ALICE, BOB);
    static final String MAY_ASSUME = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";

    /** The in-memory event history: what a test serves instead of CloudTrail. */
    static final class History implements HistorySource {
        final Map<String, List<JsonNode>> byAccount = new LinkedHashMap<>();
        final Map<String, List<String>> under = new LinkedHashMap<>();
        final Map<String, Set<String>> targets = new LinkedHashMap<>();
        final Map<String, Attachments> attachments = new LinkedHashMap<>();
        final Set<String> refused = new HashSet<>();
        /* accounts whose history read faults (not a refusal): the part fails and is retried */
        final Set<String> failing = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        final List<JsonNode> iamChanges = new ArrayList<>();
        final List<JsonNode> orgChanges = new ArrayList<>();

        @Override
        public List<String> regions() {
            return List.of("eu-west-1", "us-east-1");
        }

        @Override
        public Records successes(String account, Instant since) {
            calls.add("successes " + account);
            if (refused.contains(account)) {
                throw new Gap("cloudtrail:LookupEvents was refused in account " + account);
            }
            if (failing.contains(account)) {
                throw new IllegalStateException("CloudTrail is not answering for account " + account);
            }
            return new Records(byAccount.getOrDefault(account, List.of()), List.of());
        }

        /* as Athena: the whole change's successes in one read, when a test asks for it */
        boolean oneRead;

        @Override
        public Optional<Map<String, Records>> successesOf(List<String> accounts, Instant since) {
            if (!oneRead) {
                return Optional.empty();
            }
            calls.add("successesOf " + accounts.size());
            Map<String, Records> out = new LinkedHashMap<>();
            accounts.forEach(a -> out.put(a, new Records(byAccount.getOrDefault(a, List.of()), List.of())));
            return Optional.of(out);
        }

        @Override
        public Records iamChanges(String account, Instant since) {
            calls.add("iamChanges " + account);
            return new Records(iamChanges.stream().filter(c -> c.path("recipientAccountId").asText().equals(account)).toList(), List.of());
        }

        @Override
        public Records organizationChanges(Instant since) {
            return new Records(orgChanges, List.of());
        }

        @Override
        public Optional<JsonNode> callerCopy(String callerAccount, JsonNode roleAccountRecord) {
            calls.add("callerCopy " + callerAccount);
            String shared = roleAccountRecord.path("sharedEventID").asText();
            return byAccount.getOrDefault(callerAccount, List.of()).stream()
                    .filter(r -> r.path("sharedEventID").asText().equals(shared)).findFirst();
        }

        @Override
        public List<String> accountsUnder(String targetId) {
            return under.getOrDefault(targetId, targetId.matches("\\d{12}") ? List.of(targetId) : List.of());
        }

        @Override
        public Set<String> policyTargets(String policyId) {
            return targets.getOrDefault(policyId, Set.of());
        }

        @Override
        public Attachments attachedTo(String account, String policyArn) {
            return attachments.getOrDefault(policyArn, new Attachments(Set.of(), Set.of(), Set.of()));
        }

        @Override
        public Set<String> groupMembers(String account, String groupName) {
            return Set.of();
        }
    }

    static Scenario iam(String trust) {
        return new Scenario().role(ROLE, trust).user(ALICE, MAY_ASSUME, Map.of()).user(BOB, MAY_ASSUME, Map.of());
    }

    static String org(String extraPolicy, String ouOfTools) {
        return """
                {"Organization":{"Id":"o-abc123def4","MasterAccountId":"999999999999"},
                 "Accounts":{"111111111111":{"Path":["r-ab12","ou-ab12-work0001"]},"222222222222":{"Path":["r-ab12","ou-ab12-tools0001"]}},
                 "Policies":[{"Id":"p-FullAWSAccess","Name":"FullAWSAccess","Type":"SERVICE_CONTROL_POLICY",
                   "Content":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}%s],
                 "Targets":{"r-ab12":["p-FullAWSAccess"],"ou-ab12-tools0001":["p-FullAWSAccess"%s],"ou-ab12-work0001":["p-FullAWSAccess"],
                   "111111111111":["p-FullAWSAccess"],"222222222222":["p-FullAWSAccess"]}}"""
                .formatted(extraPolicy, ouOfTools);
    }

    /** Alice's and Bob's recent calls on the role (Bob's path twice: the same path is re-evaluated once). */
    static void recordRecentCalls(History history) {
        recordCall(history, ALICE, "2026-11-29T08:00:00Z", "198.51.100.7");
        recordCall(history, BOB, "2026-11-29T09:00:00Z", "198.51.100.8");
        recordCall(history, BOB, "2026-11-28T09:00:00Z", "198.51.100.8");
    }

    /** One successful call by a user of the tools account, as both accounts record it. */
    static void recordCall(History history, String user, String time, String sourceIp) {
        String name = user.substring(user.lastIndexOf('/') + 1);
        String shared = "5ha7ed00-0000-4000-8000-" + String.format("%012d", Math.abs((user + time).hashCode()));
        ObjectNode callerCopy = success("""
                {"type":"IAMUser","principalId":"AIDA%s","arn":"%s","accountId":"222222222222","accessKeyId":"AKIAEXAMPLE","userName":"%s"}"""
                .formatted(name.toUpperCase(), user, name), time, sourceIp, shared, "222222222222");
        ObjectNode roleCopy = success("""
                {"type":"AWSAccount","principalId":"AIDA%s","accountId":"222222222222"}""".formatted(name.toUpperCase()), time, sourceIp,
                shared, "111111111111");
        history.byAccount.computeIfAbsent("222222222222", a -> new ArrayList<>()).add(callerCopy);
        history.byAccount.computeIfAbsent("111111111111", a -> new ArrayList<>()).add(roleCopy);
    }

    private static ObjectNode success(String identity, String time, String sourceIp, String shared, String recipient) {
        ObjectNode record = (ObjectNode) Scenario.event("AssumeRole", "x", identity, """
                {"roleArn":"%s","roleSessionName":"deploy-run"}""".formatted(ROLE), recipient).get("detail");
        record.remove("errorCode");
        record.remove("errorMessage");
        record.put("eventTime", time).put("sourceIPAddress", sourceIp).put("sharedEventID", shared)
                .put("eventID", shared.replace("5ha7ed00", recipient.substring(0, 8)));
        return record;
    }

    /** The CloudTrail record of an IAM or Organizations write, as EventBridge delivers it. */
    static JsonNode change(String source, String eventName, String requestParameters, String account) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("eventVersion", "1.08");
        record.set("userIdentity", Json.readTree("""
                {"type":"AssumedRole","principalId":"AROAADMIN:carol","arn":"arn:aws:sts::%s:assumed-role/Admin/carol","accountId":"%s"}"""
                .formatted(account, account)));
        record.put("eventTime", "2026-11-30T11:59:00Z").put("eventSource", source).put("eventName", eventName)
                .put("awsRegion", "us-east-1").put("sourceIPAddress", "203.0.113.9");
        record.set("requestParameters", Json.readTree(requestParameters));
        record.putNull("responseElements");
        record.put("eventID", "c4a17e00-0000-4000-8000-000000000001").put("readOnly", false).put("recipientAccountId", account);
        ObjectNode envelope = Scenario.envelope(record, account);
        envelope.put("source", source.equals("iam.amazonaws.com") ? "aws.iam" : "aws.organizations");
        return envelope;
    }

    private World() {
    }
}
