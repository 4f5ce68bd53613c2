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
 * @param outsideAccounts accounts known to be outside the organization: no SCP or RCP applies to them
 */
public record OrganizationSnapshot(
        String id,
        String managementAccountId,
        Map<String, List<String>> accountPaths,
        Map<String, OrganizationPolicy> policiesById,
        Map<String, List<String>> targets,
        java.util.Set<String> outsideAccounts) {

    public OrganizationSnapshot {
        accountPaths = Map.copyOf(accountPaths);
        policiesById = Map.copyOf(policiesById);
        targets = Map.copyOf(targets);
        outsideAccounts = java.util.Set.copyOf(outsideAccounts);
    }

    public OrganizationSnapshot(String id, String managementAccountId, Map<String, List<String>> accountPaths,
                                Map<String, OrganizationPolicy> policiesById, Map<String, List<String>> targets) {
        this(id, managementAccountId, accountPaths, policiesById, targets, java.util.Set.of());
    }

    /** Known to be outside the organization (the file's {@code OutsideAccounts}). */
    public boolean isOutside(String accountId) {
        return outsideAccounts.contains(accountId);
    }

    /** Whether any policy of this type is in the file: a type in use is attached at every level ("SCP inheritance"). */
    public boolean inUse(OrganizationPolicyType type) {
        return policiesById.values().stream().anyMatch(p -> p.type() == type);
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
        return new OrganizationSnapshot(id, managementAccountId, accountPaths, policies, targets, outsideAccounts);
    }
}
