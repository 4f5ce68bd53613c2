package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamGroup;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.IamUser;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A history read from files, for the CLI offline and CI: CloudTrail records (as a JSON array, a
 * file of {@code aws cloudtrail lookup-events} output, or EventBridge events) with each record's
 * {@code recipientAccountId} telling whose history it is, and the snapshot answering who a managed
 * policy or group reaches and which accounts sit under an organization target.
 */
public final class RecordedHistory implements HistorySource {
    private final List<JsonNode> records;
    private final Snapshot snapshot;

    public RecordedHistory(List<JsonNode> records, Snapshot snapshot) {
        this.records = List.copyOf(HistorySource.newestFirst(records));
        this.snapshot = snapshot;
    }

    /** The records of a history file: a JSON array of records or events, or LookupEvents output ({@code Events[].CloudTrailEvent}). */
    public static List<JsonNode> read(JsonNode file) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode items = file.has("Events") ? file.get("Events") : file;
        if (!items.isArray()) {
            throw new IllegalArgumentException("a history file is a JSON array of CloudTrail records, or lookup-events output with Events[]");
        }
        for (JsonNode item : items) {
            JsonNode record = item.has("CloudTrailEvent") ? Json.readTree(item.get("CloudTrailEvent").asText()) : item;
            record = record.has("detail") ? record.get("detail") : record;
            if (!record.isObject() || !record.hasNonNull("eventName") || !record.hasNonNull("eventTime")) {
                throw new IllegalArgumentException("a history entry is not a CloudTrail record (no eventName or eventTime)");
            }
            out.add(record);
        }
        return out;
    }

    @Override
    public List<String> regions() {
        return List.copyOf(new TreeSet<>(records.stream().map(r -> r.path("awsRegion").asText("")).filter(s -> !s.isEmpty()).toList()));
    }

    @Override
    public Records successes(String account, Instant since) {
        return new Records(inAccount(account, since).stream().filter(SuccessRecords::isSuccess).toList(), List.of());
    }

    @Override
    public Records iamChanges(String account, Instant since) {
        return new Records(inAccount(account, since).stream().filter(r -> PolicyChanges.IAM.equals(r.path("eventSource").asText()))
                .filter(PolicyChanges::isChange).filter(r -> !r.hasNonNull("errorCode")).toList(), List.of());
    }

    @Override
    public Records organizationChanges(Instant since) {
        return new Records(records.stream().filter(r -> !PolicyChanges.time(r).isBefore(since))
                .filter(r -> PolicyChanges.ORGANIZATIONS.equals(r.path("eventSource").asText())).filter(PolicyChanges::isChange)
                .filter(r -> !r.hasNonNull("errorCode")).toList(), List.of());
    }

    @Override
    public Optional<JsonNode> callerCopy(String callerAccount, JsonNode roleAccountRecord) {
        String shared = roleAccountRecord.path("sharedEventID").asText("");
        return records.stream().filter(r -> callerAccount.equals(r.path("recipientAccountId").asText()))
                .filter(r -> !shared.isEmpty() && shared.equals(r.path("sharedEventID").asText())).findFirst();
    }

    @Override
    public List<String> accountsUnder(String targetId) {
        if (targetId.matches("\\d{12}")) {
            return List.of(targetId);
        }
        List<String> out = new ArrayList<>();
        snapshot.organization().ifPresent(o -> o.accountPaths().forEach((account, path) -> {
            if (path.contains(targetId)) {
                out.add(account);
            }
        }));
        out.sort(null);
        return out;
    }

    @Override
    public Set<String> policyTargets(String policyId) {
        Set<String> targets = new LinkedHashSet<>();
        snapshot.organization().ifPresent(o -> o.targets().forEach((target, ids) -> {
            if (ids.contains(policyId)) {
                targets.add(target);
            }
        }));
        return targets;
    }

    @Override
    public Attachments attachedTo(String account, String policyArn) {
        AccountSnapshot iam = snapshot.account(account).orElseThrow(() -> new Gap("no IAM file for account " + account
                + ": who " + policyArn + " is attached to is unknown"));
        Set<String> roles = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (IamRole role : iam.rolesByArn().values()) {
            if (role.attachedPolicyArns().contains(policyArn) || role.boundaryArn().filter(policyArn::equals).isPresent()) {
                roles.add(role.name());
            }
        }
        for (IamUser user : iam.usersByArn().values()) {
            if (user.attachedPolicyArns().contains(policyArn) || user.boundaryArn().filter(policyArn::equals).isPresent()) {
                users.add(user.name());
            }
        }
        for (Map.Entry<String, IamGroup> group : iam.groupsByName().entrySet()) {
            if (group.getValue().attachedPolicyArns().contains(policyArn)) {
                groups.add(group.getKey());
            }
        }
        return new Attachments(roles, users, groups);
    }

    @Override
    public Set<String> groupMembers(String account, String groupName) {
        Set<String> members = new TreeSet<>();
        snapshot.account(account).ifPresent(iam -> iam.usersByArn().values().stream().filter(u -> u.groupNames().contains(groupName))
                .forEach(u -> members.add(u.name())));
        return members;
    }

    private List<JsonNode> inAccount(String account, Instant since) {
        return records.stream().filter(r -> account.equals(r.path("recipientAccountId").asText()))
                .filter(r -> !PolicyChanges.time(r).isBefore(since)).toList();
    }
}
