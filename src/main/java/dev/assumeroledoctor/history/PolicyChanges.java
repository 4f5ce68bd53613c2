package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.history.PolicyChange.CallerRole;
import dev.assumeroledoctor.history.PolicyChange.CallerUser;
import dev.assumeroledoctor.history.PolicyChange.Group;
import dev.assumeroledoctor.history.PolicyChange.ManagedPolicy;
import dev.assumeroledoctor.history.PolicyChange.OrganizationAccount;
import dev.assumeroledoctor.history.PolicyChange.OrganizationPolicy;
import dev.assumeroledoctor.history.PolicyChange.Subject;
import dev.assumeroledoctor.history.PolicyChange.TargetRole;
import dev.assumeroledoctor.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the CloudTrail record of an IAM or Organizations write into a {@link PolicyChange}. The
 * watched names are the writes that change what decides an AssumeRole: the role's trust policy
 * and tags, the caller's identity policies (inline, managed, group, new default versions),
 * permissions boundaries and tags, SCP/RCP edits and attachments, moves between OUs, and role
 * deletion. The template's change rule matches exactly these names (checked by a test).
 */
public final class PolicyChanges {
    public static final String IAM = "iam.amazonaws.com";
    public static final String ORGANIZATIONS = "organizations.amazonaws.com";
    /** Event name to its source. */
    public static final Map<String, String> WATCHED = Map.ofEntries(
            Map.entry("UpdateAssumeRolePolicy", IAM), Map.entry("DeleteRole", IAM), Map.entry("TagRole", IAM), Map.entry("UntagRole", IAM),
            Map.entry("PutRolePolicy", IAM), Map.entry("DeleteRolePolicy", IAM), Map.entry("AttachRolePolicy", IAM),
            Map.entry("DetachRolePolicy", IAM), Map.entry("PutRolePermissionsBoundary", IAM), Map.entry("DeleteRolePermissionsBoundary", IAM),
            Map.entry("PutUserPolicy", IAM), Map.entry("DeleteUserPolicy", IAM), Map.entry("AttachUserPolicy", IAM),
            Map.entry("DetachUserPolicy", IAM), Map.entry("PutUserPermissionsBoundary", IAM), Map.entry("DeleteUserPermissionsBoundary", IAM),
            Map.entry("TagUser", IAM), Map.entry("UntagUser", IAM), Map.entry("RemoveUserFromGroup", IAM),
            Map.entry("PutGroupPolicy", IAM), Map.entry("DeleteGroupPolicy", IAM), Map.entry("AttachGroupPolicy", IAM),
            Map.entry("DetachGroupPolicy", IAM), Map.entry("CreatePolicyVersion", IAM), Map.entry("SetDefaultPolicyVersion", IAM),
            Map.entry("CreatePolicy", ORGANIZATIONS), Map.entry("UpdatePolicy", ORGANIZATIONS), Map.entry("DeletePolicy", ORGANIZATIONS),
            Map.entry("AttachPolicy", ORGANIZATIONS), Map.entry("DetachPolicy", ORGANIZATIONS), Map.entry("MoveAccount", ORGANIZATIONS));
    /* Organization policy types that take part in authorization; tag, backup and AI opt-out policies do not. */
    private static final Set<String> AUTHORIZATION_POLICIES = Set.of("SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY");

    private PolicyChanges() {
    }

    /** Whether an EventBridge event or bare record is a watched change (successful or not). */
    public static boolean isChange(JsonNode event) {
        JsonNode record = event.has("detail") ? event.path("detail") : event;
        String name = record.path("eventName").asText("");
        return record.path("eventSource").asText("").equals(WATCHED.get(name));
    }

    /**
     * The change, or empty for a record that is not a successful watched write — or an envelope
     * whose account is not its record's recipient: EventBridge delivers a CloudTrail event in the
     * account that recorded it (also when a member rule forwards it), so one that differs was not
     * made by CloudTrail and does not choose the accounts whose history is read.
     */
    public static Optional<PolicyChange> parse(JsonNode event) {
        JsonNode record = event.has("detail") ? event.path("detail") : event;
        if (!isChange(record) || record.hasNonNull("errorCode")) {
            return Optional.empty();
        }
        Optional<String> envelope = event.has("detail") ? Json.text(event, "account") : Optional.empty();
        if (envelope.isPresent() && Json.text(record, "recipientAccountId").filter(r -> !r.equals(envelope.get())).isPresent()) {
            return Optional.empty();
        }
        String name = record.path("eventName").asText();
        JsonNode p = record.path("requestParameters");
        String account = Json.text(record, "recipientAccountId").or(() -> Json.text(record.path("userIdentity"), "accountId")).orElse("");
        List<Subject> subjects = new ArrayList<>();
        text(p, "roleName").ifPresent(role -> {
            if (name.equals("UpdateAssumeRolePolicy") || name.equals("DeleteRole") || name.endsWith("TagRole")) {
                subjects.add(new TargetRole(account, role));
            }
            if (!name.equals("UpdateAssumeRolePolicy")) {
                subjects.add(new CallerRole(account, role));
            }
        });
        text(p, "userName").ifPresent(user -> subjects.add(new CallerUser(account, user)));
        text(p, "groupName").filter(g -> !name.equals("RemoveUserFromGroup")).ifPresent(group -> subjects.add(new Group(account, group)));
        if ((name.equals("CreatePolicyVersion") && p.path("setAsDefault").asBoolean(false)) || name.equals("SetDefaultPolicyVersion")) {
            text(p, "policyArn").ifPresent(arn -> subjects.add(new ManagedPolicy(account, arn)));
        }
        if (name.equals("UpdatePolicy") || name.equals("AttachPolicy") || name.equals("DetachPolicy")) {
            String type = record.path("responseElements").path("policy").path("policySummary").path("type").asText("");
            if (type.isEmpty() || AUTHORIZATION_POLICIES.contains(type)) {
                text(p, "policyId").ifPresent(id -> subjects.add(new OrganizationPolicy(id, text(p, "targetId"))));
            }
        }
        if (name.equals("MoveAccount")) {
            text(p, "accountId").ifPresent(id -> subjects.add(new OrganizationAccount(id)));
        }
        return Optional.of(new PolicyChange(record.path("eventID").asText(""), name, record.path("eventSource").asText(), time(record),
                account, actor(record.path("userIdentity")), subjects));
    }

    /** Who made a call, as its record names them: the principal's ARN, else its type and id. */
    public static String actor(JsonNode identity) {
        return Json.text(identity, "arn").orElseGet(() -> identity.path("type").asText("unknown") + " "
                + identity.path("principalId").asText(identity.path("accountId").asText("")));
    }

    static Instant time(JsonNode record) {
        try {
            return Instant.parse(record.path("eventTime").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Json.text(node, field).filter(s -> !s.isBlank());
    }
}
