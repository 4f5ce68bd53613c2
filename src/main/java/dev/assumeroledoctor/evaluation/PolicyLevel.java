package dev.assumeroledoctor.evaluation;

import java.util.List;

/** The SCPs or RCPs attached at one level (root, OU, account): each level must allow. */
public record PolicyLevel(String targetId, List<NamedPolicy> policies) {
    public PolicyLevel {
        policies = List.copyOf(policies);
    }
}
