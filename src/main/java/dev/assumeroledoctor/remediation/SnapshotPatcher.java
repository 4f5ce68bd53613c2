package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamGroup;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.IamUser;
import dev.assumeroledoctor.snapshot.InlinePolicy;
import dev.assumeroledoctor.snapshot.ManagedPolicy;
import dev.assumeroledoctor.snapshot.OrganizationPolicy;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.StoredPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The snapshot as it would be once the patches are applied: what verification evaluates. */
final class SnapshotPatcher {
    private SnapshotPatcher() {
    }

    static Snapshot apply(Snapshot snapshot, List<Patch> patches) {
        Snapshot result = snapshot;
        for (Patch patch : patches) {
            result = apply(result, patch.target(), StoredPolicy.of(patch.document()));
        }
        return result;
    }

    private static Snapshot apply(Snapshot snapshot, PatchTarget target, StoredPolicy policy) {
        if (target instanceof PatchTarget.OrganizationPolicy o) {
            OrganizationPolicy old = snapshot.organization().orElseThrow().policiesById().get(o.policyId());
            return snapshot.withOrganization(snapshot.organization().get()
                    .withPolicy(new OrganizationPolicy(old.id(), old.name(), old.type(), policy)));
        }
        AccountSnapshot account = snapshot.account(Arns.accountOf(target.arn())).orElse(
                new AccountSnapshot(Arns.accountOf(target.arn()), Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of()));
        if (target instanceof PatchTarget.TrustPolicy t) {
            return snapshot.withAccount(account.withRole(account.role(t.roleArn()).orElseThrow().withTrustPolicy(policy)));
        }
        if (target instanceof PatchTarget.ManagedPolicy m) {
            ManagedPolicy old = account.policiesByArn().get(m.policyArn());
            return snapshot.withAccount(account.withPolicy(new ManagedPolicy(m.policyArn(), old == null ? Arns.nameOf(m.policyArn()) : old.name(),
                    old == null ? "v1" : old.defaultVersionId(), policy)));
        }
        PatchTarget.InlinePolicy inline = (PatchTarget.InlinePolicy) target;
        return snapshot.withAccount(withInline(account, inline.ownerArn(), new InlinePolicy(inline.policyName(), policy)));
    }

    private static AccountSnapshot withInline(AccountSnapshot account, String owner, InlinePolicy policy) {
        Map<String, IamUser> users = new HashMap<>(account.usersByArn());
        Map<String, IamRole> roles = new HashMap<>(account.rolesByArn());
        Map<String, IamGroup> groups = new HashMap<>(account.groupsByName());
        IamUser user = users.get(owner);
        IamRole role = roles.get(owner);
        if (user != null) {
            users.put(owner, new IamUser(user.arn(), user.name(), user.id(), replaced(user.inlinePolicies(), policy), user.groupNames(),
                    user.attachedPolicyArns(), user.boundaryArn(), user.tags(), user.created()));
        } else if (role != null) {
            roles.put(owner, new IamRole(role.arn(), role.name(), role.id(), role.trustPolicy(), replaced(role.inlinePolicies(), policy),
                    role.attachedPolicyArns(), role.boundaryArn(), role.tags(), role.maxSessionDuration(), role.created()));
        } else {
            groups.values().stream().filter(g -> g.arn().equals(owner)).findFirst().ifPresent(g ->
                    groups.put(g.name(), new IamGroup(g.arn(), g.name(), replaced(g.inlinePolicies(), policy), g.attachedPolicyArns())));
        }
        return new AccountSnapshot(account.accountId(), users, groups, roles, account.policiesByArn(), account.oidcProviders(),
                account.samlProviderArns());
    }

    private static List<InlinePolicy> replaced(List<InlinePolicy> policies, InlinePolicy policy) {
        List<InlinePolicy> out = new ArrayList<>(policies.stream().filter(p -> !p.name().equals(policy.name())).toList());
        out.add(policy);
        return out;
    }
}
