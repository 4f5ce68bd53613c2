package dev.assumeroledoctor.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One successful write that can break an assume-role path, read from its CloudTrail record.
 *
 * @param account  the account whose IAM changed (for Organizations: the management account)
 * @param actor    who made it, as CloudTrail names them (untrusted text: escaped where shown)
 * @param subjects what the change reaches: empty for a change that reaches no path yet (a policy created, not attached)
 */
public record PolicyChange(String eventId, String eventName, String eventSource, Instant time, String account, String actor,
                           List<Subject> subjects) {
    public PolicyChange {
        subjects = List.copyOf(subjects);
    }

    /** What a change touches, and so whose recent successful calls it can break. */
    public sealed interface Subject {
    }

    /** The role as the one assumed: its trust policy, its tags (resource tags), or the role itself. */
    public record TargetRole(String account, String roleName) implements Subject {
    }

    /** The role as the caller: what its sessions may call (identity policies, boundary, principal tags). */
    public record CallerRole(String account, String roleName) implements Subject {
    }

    /** An IAM user as the caller. */
    public record CallerUser(String account, String userName) implements Subject {
    }

    /** A group: its members are the callers. */
    public record Group(String account, String groupName) implements Subject {
    }

    /** A customer managed policy whose default version changed: the principals it is attached to are the callers. */
    public record ManagedPolicy(String account, String policyArn) implements Subject {
    }

    /**
     * An SCP or RCP: every account under the targets (the one attached to or detached from, else
     * every target of the policy) holds callers (SCPs) and roles (RCPs) it reaches.
     */
    public record OrganizationPolicy(String policyId, Optional<String> targetId) implements Subject {
    }

    /** An account moved between organizational units: its inherited SCPs and RCPs changed. */
    public record OrganizationAccount(String accountId) implements Subject {
    }
}
