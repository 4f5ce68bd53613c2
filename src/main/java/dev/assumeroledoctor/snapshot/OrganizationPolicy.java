package dev.assumeroledoctor.snapshot;

/** An SCP or RCP. */
public record OrganizationPolicy(String id, String name, OrganizationPolicyType type, StoredPolicy policy) {
}
