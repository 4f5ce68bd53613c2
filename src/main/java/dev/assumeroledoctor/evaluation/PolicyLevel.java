package dev.assumeroledoctor.evaluation;

import java.util.List;

/**
 * The SCPs or RCPs attached at one level (root, OU, account): each level must allow.
 *
 * @param unknown the snapshot does not tell which policies apply here (an account its organization
 *                file does not place): the level may allow or deny
 */
public record PolicyLevel(String targetId, List<NamedPolicy> policies, boolean unknown) {
    public PolicyLevel {
        policies = List.copyOf(policies);
    }

    public PolicyLevel(String targetId, List<NamedPolicy> policies) {
        this(targetId, policies, false);
    }
}
