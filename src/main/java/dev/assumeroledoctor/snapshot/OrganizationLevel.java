package dev.assumeroledoctor.snapshot;

import java.util.List;

/** One level (root, OU or account) of an account's path and the policies attached there. */
public record OrganizationLevel(String targetId, List<OrganizationPolicy> policies) {
    public OrganizationLevel {
        policies = List.copyOf(policies);
    }

    public String kind() {
        if (targetId.startsWith("r-")) {
            return "root";
        }
        return targetId.startsWith("ou-") ? "OU" : "account";
    }
}
