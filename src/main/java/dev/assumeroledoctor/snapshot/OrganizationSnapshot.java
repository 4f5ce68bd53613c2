package dev.assumeroledoctor.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's structure and policies, as {@code ../shared/spec/snapshot.md} defines the file.
 *
 * @param accountPaths account id to its ancestors from the root down
 * @param targets      root, OU or account id to the ids of the policies attached to it
 */
public record OrganizationSnapshot(
        String id,
        String managementAccountId,
        Map<String, List<String>> accountPaths,
        Map<String, OrganizationPolicy> policiesById,
        Map<String, List<String>> targets) {

    public OrganizationSnapshot {
        accountPaths = Map.copyOf(accountPaths);
        policiesById = Map.copyOf(policiesById);
        targets = Map.copyOf(targets);
    }

    public boolean contains(String accountId) {
        return accountPaths.containsKey(accountId);
    }

    /** {@code aws:PrincipalOrgPaths} form: {@code o-id/r-root/ou-a/ou-b/}. */
    public Optional<String> orgPath(String accountId) {
        List<String> path = accountPaths.get(accountId);
        if (path == null) {
            return Optional.empty();
        }
        return Optional.of(id + "/" + String.join("/", path) + "/");
    }

    /**
     * The levels whose policies of this type govern the account: root, each OU, the account. The
     * management account is exempt (empty), as is an account outside the organization.
     */
    public List<OrganizationLevel> levels(String accountId, OrganizationPolicyType type) {
        List<String> path = accountPaths.get(accountId);
        if (path == null || accountId.equals(managementAccountId)) {
            return List.of();
        }
        List<String> targetIds = new ArrayList<>(path);
        targetIds.add(accountId);
        List<OrganizationLevel> levels = new ArrayList<>();
        for (String target : targetIds) {
            List<OrganizationPolicy> attached = targets.getOrDefault(target, List.of()).stream()
                    .map(policiesById::get)
                    .filter(p -> p != null && p.type() == type)
                    .toList();
            levels.add(new OrganizationLevel(target, attached));
        }
        return levels;
    }

    public OrganizationSnapshot withPolicy(OrganizationPolicy policy) {
        Map<String, OrganizationPolicy> policies = new java.util.HashMap<>(policiesById);
        policies.put(policy.id(), policy);
        return new OrganizationSnapshot(id, managementAccountId, accountPaths, policies, targets);
    }
}
