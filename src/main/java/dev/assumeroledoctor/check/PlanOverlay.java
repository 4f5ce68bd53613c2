package dev.assumeroledoctor.check;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.ManagedPolicy;
import dev.assumeroledoctor.snapshot.OrganizationPolicy;
import dev.assumeroledoctor.snapshot.OrganizationSnapshot;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.StoredPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Plan mode: proposed documents replace the ones in the snapshot, so a pipeline evaluates an
 * infrastructure change before it is applied. Each target must exist: a document laid on
 * nothing would be evaluated by nobody, and the check would pass for the wrong reason.
 */
public record PlanOverlay(Map<String, StoredPolicy> trust, Map<String, StoredPolicy> policies, Map<String, StoredPolicy> organizationPolicies)
        implements UnaryOperator<Snapshot> {
    public static final PlanOverlay NONE = new PlanOverlay(Map.of(), Map.of(), Map.of());

    public PlanOverlay {
        trust = Map.copyOf(trust);
        policies = Map.copyOf(policies);
        organizationPolicies = Map.copyOf(organizationPolicies);
    }

    public boolean isEmpty() {
        return trust.isEmpty() && policies.isEmpty() && organizationPolicies.isEmpty();
    }

    /** The resources whose documents the plan proposes: role ARNs, policy ARNs, SCP and RCP ids. */
    public java.util.Set<String> proposed() {
        java.util.Set<String> out = new java.util.HashSet<>(trust.keySet());
        out.addAll(policies.keySet());
        out.addAll(organizationPolicies.keySet());
        return out;
    }

    /** @throws IllegalArgumentException naming a target the snapshot does not hold */
    @Override
    public Snapshot apply(Snapshot snapshot) {
        Snapshot result = snapshot;
        for (var e : trust.entrySet()) {
            AccountSnapshot account = result.account(Arns.accountOf(e.getKey())).orElseThrow(() -> missing("--with-trust", e.getKey(), "account"));
            result = result.withAccount(account.withRole(account.role(e.getKey())
                    .orElseThrow(() -> missing("--with-trust", e.getKey(), "role")).withTrustPolicy(e.getValue())));
        }
        for (var e : policies.entrySet()) {
            AccountSnapshot account = result.account(Arns.accountOf(e.getKey())).orElseThrow(() -> missing("--with-policy", e.getKey(), "account"));
            ManagedPolicy old = account.policy(e.getKey()).orElseThrow(() -> missing("--with-policy", e.getKey(), "managed policy"));
            result = result.withAccount(account.withPolicy(new ManagedPolicy(old.arn(), old.name(), old.defaultVersionId(), e.getValue())));
        }
        for (var e : organizationPolicies.entrySet()) {
            OrganizationSnapshot org = result.organization().orElseThrow(() -> missing("--with-scp", e.getKey(), "organization file"));
            OrganizationPolicy old = org.policiesById().get(e.getKey());
            if (old == null) {
                throw missing("--with-scp", e.getKey(), "policy");
            }
            result = result.withOrganization(org.withPolicy(new OrganizationPolicy(old.id(), old.name(), old.type(), e.getValue())));
        }
        return result;
    }

    private static IllegalArgumentException missing(String option, String target, String what) {
        return new IllegalArgumentException(option + " " + target + ": no such " + what + " in the snapshot (plan mode replaces"
                + " existing documents; attach a new policy to an existing one instead)");
    }

    static List<String> targets(PlanOverlay plan) {
        return java.util.stream.Stream.of(plan.trust.keySet(), plan.policies.keySet(), plan.organizationPolicies.keySet())
                .flatMap(java.util.Set::stream).sorted().toList();
    }
}
