package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.NamedPolicy;
import dev.assumeroledoctor.evaluation.PolicyLevel;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamGroup;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.IamUser;
import dev.assumeroledoctor.snapshot.InlinePolicy;
import dev.assumeroledoctor.snapshot.OrganizationLevel;
import dev.assumeroledoctor.snapshot.OrganizationPolicyType;
import dev.assumeroledoctor.snapshot.OrganizationSnapshot;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Gathers from a snapshot every policy that decides a request, and notes what it lacks. */
public final class PolicyResolver {
    private PolicyResolver() {
    }

    public static ResolvedPolicies resolve(RebuiltRequest request, String roleArn, Snapshot snapshot) {
        return resolve(request, roleArn, snapshot, false);
    }

    /** @param truncated the role ARN comes from a message CloudTrail cut short, so it may be a prefix */
    public static ResolvedPolicies resolve(RebuiltRequest request, String roleArn, Snapshot snapshot, boolean truncated) {
        List<DataGap> gaps = new ArrayList<>();
        String roleAccount = Arns.accountOf(roleArn);
        Optional<AccountSnapshot> roleSide = snapshot.account(roleAccount);
        if (roleSide.isEmpty()) {
            gaps.add(new DataGap("the role's account " + roleAccount, "no IAM snapshot of that account was given", DataGap.Decision.ACCOUNT));
            return new ResolvedPolicies(Optional.empty(), Optional.empty(), false, gaps);
        }
        Optional<IamRole> role = findRole(roleSide.get(), roleArn, truncated);
        if (role.isEmpty() && snapshot.mayLack(roleArn)) {
            return new ResolvedPolicies(Optional.empty(), Optional.empty(), false, gaps);
        }
        if (role.isEmpty()) {
            return new ResolvedPolicies(Optional.empty(), Optional.empty(), true, gaps);
        }
        NamedPolicy trust = new NamedPolicy(PolicyRef.trust(role.get().arn()), role.get().trustPolicy().document());
        Identity identity = identity(request, snapshot, gaps);
        List<PolicyLevel> scps = request.callerAccount()
                .map(a -> levels(snapshot, a, OrganizationPolicyType.SERVICE_CONTROL_POLICY, PolicyType.SCP, gaps)).orElse(List.of());
        List<PolicyLevel> rcps = levels(snapshot, roleAccount, OrganizationPolicyType.RESOURCE_CONTROL_POLICY, PolicyType.RCP, gaps);
        PolicySet set = new PolicySet(trust, identity.policies, identity.incomplete, identity.boundary, Optional.empty(), false, scps, rcps);
        return new ResolvedPolicies(role, Optional.of(set), true, gaps);
    }

    /* A truncated message may cut the ARN: a unique role whose ARN starts with what is left is the one. */
    static Optional<IamRole> findRole(AccountSnapshot account, String roleArn, boolean truncated) {
        Optional<IamRole> exact = account.role(roleArn);
        if (exact.isPresent() || !truncated) {
            return exact;
        }
        List<IamRole> prefixed = account.rolesByArn().values().stream().filter(r -> r.arn().startsWith(roleArn)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    private record Identity(List<NamedPolicy> policies, boolean incomplete, Optional<NamedPolicy> boundary) {
    }

    private static Identity identity(RebuiltRequest request, Snapshot snapshot, List<DataGap> gaps) {
        if (request.issuerArn().isEmpty()) {
            return new Identity(List.of(), false, Optional.empty());
        }
        String issuer = request.issuerArn().get();
        if (snapshot.mayLack(issuer) && snapshot.account(Arns.accountOf(issuer)).flatMap(a -> issuer.contains(":role/") ? a.role(issuer).map(r -> r.arn())
                : a.user(issuer).map(u -> u.arn())).isEmpty()) {
            return new Identity(List.of(), true, Optional.empty());
        }
        Optional<AccountSnapshot> account = snapshot.account(Arns.accountOf(issuer));
        if (account.isEmpty()) {
            gaps.add(new DataGap("the caller's identity policies", "no IAM snapshot of the caller's account " + Arns.accountOf(issuer), DataGap.Decision.CALLER_IDENTITY));
            return new Identity(List.of(), true, Optional.empty());
        }
        List<NamedPolicy> policies = new ArrayList<>();
        boolean[] incomplete = {false};
        Optional<String> boundaryArn;
        if (issuer.contains(":role/")) {
            Optional<IamRole> role = account.get().role(issuer);
            if (role.isEmpty()) {
                gaps.add(new DataGap("the caller's role " + issuer, "it is not in the snapshot of account " + account.get().accountId(), DataGap.Decision.CALLER_IDENTITY));
                return new Identity(List.of(), true, Optional.empty());
            }
            if (snapshot.policiesUnread(issuer)) {
                // the caller is a session of this role: its own policies are the caller's identity policies here
                gaps.add(new DataGap("the policies of the caller's role " + issuer, "the inspector could not list or read them",
                        DataGap.Decision.CALLER_IDENTITY));
                incomplete[0] = true;
            }
            addInline(policies, role.get().inlinePolicies(), issuer);
            addManaged(policies, account.get(), role.get().attachedPolicyArns(), issuer, PolicyType.IDENTITY, gaps, incomplete);
            boundaryArn = role.get().boundaryArn();
        } else {
            Optional<IamUser> user = account.get().user(issuer);
            if (user.isEmpty()) {
                gaps.add(new DataGap("the caller's user " + issuer, "it is not in the snapshot of account " + account.get().accountId(), DataGap.Decision.CALLER_IDENTITY));
                return new Identity(List.of(), true, Optional.empty());
            }
            addInline(policies, user.get().inlinePolicies(), issuer);
            addManaged(policies, account.get(), user.get().attachedPolicyArns(), issuer, PolicyType.IDENTITY, gaps, incomplete);
            for (String groupName : user.get().groupNames()) {
                IamGroup group = account.get().groupsByName().get(groupName);
                if (group == null) {
                    gaps.add(new DataGap("group " + groupName + " of " + issuer, "it is not in the snapshot", DataGap.Decision.CALLER_IDENTITY));
                    incomplete[0] = true;
                    continue;
                }
                addInline(policies, group.inlinePolicies(), group.arn());
                addManaged(policies, account.get(), group.attachedPolicyArns(), group.arn(), PolicyType.IDENTITY, gaps, incomplete);
            }
            boundaryArn = user.get().boundaryArn();
        }
        Optional<NamedPolicy> boundary = Optional.empty();
        if (boundaryArn.isPresent()) {
            List<NamedPolicy> found = new ArrayList<>();
            boolean[] boundaryMissing = {false};
            addManaged(found, account.get(), List.of(boundaryArn.get()), issuer, PolicyType.BOUNDARY, gaps, boundaryMissing);
            boundary = found.stream().findFirst();
            incomplete[0] |= boundaryMissing[0];
        }
        return new Identity(policies, incomplete[0], boundary);
    }

    private static void addInline(List<NamedPolicy> out, List<InlinePolicy> inline, String owner) {
        for (InlinePolicy policy : inline) {
            out.add(new NamedPolicy(PolicyRef.inline(PolicyType.IDENTITY, policy.name(), owner), policy.policy().document()));
        }
    }

    /* An attached policy whose document the snapshot lacks is never guessed (snapshot.md). */
    private static void addManaged(List<NamedPolicy> out, AccountSnapshot account, List<String> arns, String owner, PolicyType type,
                                   List<DataGap> gaps, boolean[] incomplete) {
        for (String arn : arns) {
            Optional<dev.assumeroledoctor.snapshot.ManagedPolicy> policy = account.policy(arn);
            if (policy.isEmpty()) {
                gaps.add(new DataGap("managed policy " + arn + " attached to " + owner, "its document is not in the snapshot",
                        type == PolicyType.BOUNDARY ? DataGap.Decision.BOUNDARY : DataGap.Decision.CALLER_IDENTITY));
                incomplete[0] = true;
                continue;
            }
            out.add(new NamedPolicy(PolicyRef.managed(type, policy.get().name(), arn, owner), policy.get().policy().document()));
        }
    }

    private static List<PolicyLevel> levels(Snapshot snapshot, String account, OrganizationPolicyType orgType, PolicyType type,
                                            List<DataGap> gaps) {
        Optional<OrganizationSnapshot> org = snapshot.organization();
        if (org.isEmpty() || org.get().isOutside(account) || !org.get().inUse(orgType)) {
            // no organization known, an account outside it, or a policy type not in use: no level applies
            return List.of();
        }
        if (!org.get().contains(account) && snapshot.account(account).isPresent()) {
            // an account the snapshot holds but the organization file does not place: its SCPs/RCPs are not known
            DataGap gap = new DataGap("the organization's place of account " + account,
                    "the organization file does not list it under Accounts, so its " + type.jsonName().toUpperCase(java.util.Locale.ROOT)
                            + "s are unknown (add its Path, or list it under OutsideAccounts if it is outside the organization)",
                    type == PolicyType.SCP ? DataGap.Decision.SCP : DataGap.Decision.RCP);
            if (!gaps.contains(gap)) {
                gaps.add(gap);
            }
            return List.of(new PolicyLevel("unplaced:" + account, List.of(), true));
        }
        List<PolicyLevel> levels = new ArrayList<>();
        for (OrganizationLevel level : org.get().levels(account, orgType)) {
            if (level.policies().isEmpty()) {
                // a type in use is attached at every root, OU and account: none listed means the file is incomplete here
                DataGap gap = new DataGap("the " + type.jsonName().toUpperCase(java.util.Locale.ROOT) + "s attached to " + level.targetId(),
                        "the organization file lists none in Targets, though every root, OU and account has at least one while "
                                + type.jsonName().toUpperCase(java.util.Locale.ROOT) + "s are in use: the file is incomplete there",
                        type == PolicyType.SCP ? DataGap.Decision.SCP : DataGap.Decision.RCP);
                if (!gaps.contains(gap)) {
                    gaps.add(gap);
                }
                levels.add(new PolicyLevel(level.targetId(), List.of(), true));
                continue;
            }
            levels.add(new PolicyLevel(level.targetId(), level.policies().stream()
                    .map(p -> new NamedPolicy(PolicyRef.organization(type, p.name(), p.id(), level.targetId()), p.policy().document()))
                    .toList()));
        }
        return levels;
    }
}
