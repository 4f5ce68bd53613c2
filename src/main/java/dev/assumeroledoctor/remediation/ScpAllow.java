package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.snapshot.OrganizationPolicy;
import dev.assumeroledoctor.snapshot.OrganizationPolicyType;
import java.util.List;
import java.util.Optional;

/**
 * An SCP level that allows nothing covering the request gets an Allow for exactly this caller and
 * role in one of the SCPs attached there (SCPs take conditions and resource ARNs in Allow
 * statements since the full IAM language came to them).
 */
final class ScpAllow {
    private ScpAllow() {
    }

    static void add(Cause cause, RebuiltRequest request, PatchPlanner.Drafts drafts, List<CallerAction> actions) {
        String level = cause.policy().flatMap(p -> p.level()).orElseThrow();
        String role = request.roleArn().orElseThrow();
        Optional<OrganizationPolicy> attached = drafts.snapshot().organization().flatMap(org -> org.targets().getOrDefault(level, List.of())
                .stream().map(org.policiesById()::get)
                .filter(p -> p.type() == OrganizationPolicyType.SERVICE_CONTROL_POLICY).findFirst());
        if (attached.isEmpty()) {
            actions.add(new CallerAction(cause.id(), "Attach to " + level + " an SCP that allows " + String.join(", ", request.actions())
                    + " on " + role + " (no SCP is attached there, so nothing is allowed)."));
            return;
        }
        PatchTarget target = new PatchTarget.OrganizationPolicy(attached.get().id(), PolicyType.SCP);
        var statement = PolicyEdits.statement(PolicyEdits.sid("AllowAssume" + Arns.nameOf(role)), "Allow", null, null, request.actions(), role);
        PolicyEdits.addConditionValue(statement, "ArnEquals", "aws:PrincipalArn", request.caller().principalArn());
        PolicyEdits.statements(drafts.edit(target, cause.id())).add(statement);
        drafts.describe(target, "let the SCP " + attached.get().name() + " at " + level + " allow " + String.join(", ", request.actions())
                + " on " + role + " for exactly " + request.caller().principalArn());
    }
}
