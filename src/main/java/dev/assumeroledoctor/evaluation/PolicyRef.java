package dev.assumeroledoctor.evaluation;

import java.util.Optional;

/**
 * Which policy a finding is about, in the terms a person finds it by.
 *
 * @param name       inline policy name, managed policy name, SCP/RCP name, or "trust policy"
 * @param arn        the managed policy ARN, the role ARN for a trust policy, the SCP/RCP id
 * @param attachedTo the user, role or group an inline or managed policy is attached to
 * @param level      for SCPs and RCPs: the root, OU or account id it is attached to
 */
public record PolicyRef(PolicyType type, String name, Optional<String> arn, Optional<String> attachedTo, Optional<String> level) {

    public static PolicyRef trust(String roleArn) {
        return new PolicyRef(PolicyType.TRUST, "trust policy", Optional.of(roleArn), Optional.of(roleArn), Optional.empty());
    }

    /* The name of a reference to all of a principal's identity-based policies together. */
    public static final String ALL_IDENTITY = "identity-based policies";

    /** Every identity-based policy of one user or role, as one: where none allows, no single policy is to blame. */
    public static PolicyRef allIdentity(String owner) {
        return inline(PolicyType.IDENTITY, ALL_IDENTITY, owner);
    }

    public static PolicyRef inline(PolicyType type, String name, String attachedTo) {
        return new PolicyRef(type, name, Optional.empty(), Optional.of(attachedTo), Optional.empty());
    }

    public static PolicyRef managed(PolicyType type, String name, String arn, String attachedTo) {
        return new PolicyRef(type, name, Optional.of(arn), Optional.of(attachedTo), Optional.empty());
    }

    public static PolicyRef organization(PolicyType type, String name, String id, String level) {
        return new PolicyRef(type, name, Optional.of(id), Optional.empty(), Optional.of(level));
    }

    /** A short human name: "trust policy of role/x", "inline policy ci-access of user/ci", "SCP DenySts (p-1) at ou-…". */
    public String label() {
        return switch (type) {
            case TRUST -> "trust policy of " + attachedTo.orElse("the role");
            case SCP, RCP -> type.name() + " " + name + arn.map(a -> " (" + a + ")").orElse("") + level.map(l -> " attached to " + l).orElse("");
            default -> name.equals(ALL_IDENTITY) ? ALL_IDENTITY + attachedTo.map(t -> " of " + t).orElse("")
                    : arn.map(a -> "managed policy " + a).orElseGet(() -> "inline policy " + name)
                    + attachedTo.map(t -> " of " + t).orElse("");
        };
    }
}
