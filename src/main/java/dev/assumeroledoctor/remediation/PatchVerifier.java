package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.PolicyResolver;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.diagnosis.ResolvedPolicies;
import dev.assumeroledoctor.diagnosis.RoleAssessment;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.evaluation.ActionAuthorization;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.AssumeRoleAuthorizer;
import dev.assumeroledoctor.evaluation.ConditionTrace;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.StatementTrace;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves a remediation by evaluation: with every patch applied and every caller action taken the
 * request is allowed, and no bystander — anyone the edit can reach, computed from the snapshot by
 * {@link BystanderScope} — gains access ({@code broadens} otherwise, and then never
 * {@code verified}).
 */
final class PatchVerifier {
    private PatchVerifier() {
    }

    static Remediation verify(Diagnosis diagnosis, Snapshot snapshot, List<Patch> patches, List<CallerAction> actions, List<String> flags) {
        List<String> notes = new ArrayList<>();
        Optional<RoleAssessment> assessed = diagnosis.assessments().stream().filter(a -> a.role().isPresent()).findFirst();
        if (assessed.isEmpty()) {
            notes.add("no existing role to evaluate against: nothing could be verified");
            return new Remediation(patches, actions, flags, false, false, notes, List.of());
        }
        String role = assessed.get().roleArn();
        Snapshot patched = SnapshotPatcher.apply(snapshot, patches);
        RebuiltRequest request = withCallerActions(diagnosis, actions, PolicyResolver.resolve(diagnosis.request(), role, patched).policies());
        Optional<PolicySet> before = assessed.get().policies();
        Optional<PolicySet> after = PolicyResolver.resolve(request, role, patched).policies();
        Match allowed = after.map(set -> allowed(request, role, set)).orElse(Match.NO);
        boolean verified = allowed == Match.YES;
        notes.add(verified ? "with " + describe(patches, actions) + ", today's policies allow the request"
                : allowed == Match.UNKNOWN ? "with " + describe(patches, actions) + ", the request is allowed only if the values the record does not tell allow it"
                : "with " + describe(patches, actions) + ", the request is still denied");
        boolean outsidePolicy = diagnosis.causes().stream().anyMatch(c -> c.policyType().isEmpty() && c.id() != CauseId.NOT_REPRODUCED
                && c.id() != CauseId.ROLE_RECENTLY_CHANGED && c.id() != CauseId.INSUFFICIENT_DATA);
        if (outsidePolicy) {
            notes.add("some causes lie outside policy (see the actions); the verification covers the policies only");
        }
        List<Bystander> bystanders = List.of();
        boolean broadens = false;
        if (!patches.isEmpty() && before.isPresent() && after.isPresent()) {
            Bystanders reach = new Bystanders(request, role, snapshot, patched);
            BystanderScope.enumerate(reach, patches);
            bystanders = reach.all();
            List<Bystander> gaining = bystanders.stream().filter(Bystander::gains).toList();
            broadens = !gaining.isEmpty();
            if (broadens) {
                notes.add("no safe patch exists for this request: the least-broadening one also lets " + gaining.size()
                        + (gaining.size() == 1 ? " other principal or context" : " other principals or contexts") + " in (see bystanders)");
            } else {
                notes.add("none of the " + bystanders.size() + " principals and contexts the edit can reach gains access");
            }
            if (reach.bounded()) {
                notes.add("the edit reaches more than " + Bystanders.LIMIT + " principals and contexts: only the first "
                        + Bystanders.LIMIT + " were evaluated");
            }
        }
        return new Remediation(patches, actions, flags, verified && !broadens, broadens, notes, bystanders);
    }

    static Match allowed(RebuiltRequest request, String role, PolicySet policies) {
        Match all = Match.YES;
        for (String action : request.actions()) {
            all = all.and(AssumeRoleAuthorizer.authorize(request.context(action, role), policies).allowed());
        }
        return all;
    }

    /*
     * The caller taking the actions it was given: passing the ExternalId the (patched) trust
     * policy requires, or its MFA code. Other guards (network, tags) are not simulated: a
     * remediation that needs them stays unverified.
     */
    private static RebuiltRequest withCallerActions(Diagnosis diagnosis, List<CallerAction> actions, Optional<PolicySet> patched) {
        RebuiltRequest request = diagnosis.request();
        ContextKeys.Builder keys = request.keys().toBuilder();
        boolean externalId = actions.stream().anyMatch(a -> a.text().contains("--external-id"));
        boolean mfa = actions.stream().anyMatch(a -> a.text().contains("--serial-number"));
        if (externalId && patched.isPresent()) {
            for (ActionAuthorization auth : List.of(AssumeRoleAuthorizer.authorize(request.context(request.call().action(),
                    request.roleArn().orElse("")), patched.get()))) {
                for (StatementTrace s : auth.trust().evaluation().statements()) {
                    for (ConditionTrace c : s.conditions()) {
                        if (c.condition().hasKey("sts:ExternalId") && !c.condition().operator().base().negated() && c.result() != Match.YES) {
                            keys.put("sts:ExternalId", c.condition().values().get(0));
                        }
                    }
                }
            }
        }
        if (mfa && request.caller().type() == PrincipalType.IAM_USER) {
            keys.put("aws:MultiFactorAuthPresent", "true").put("aws:MultiFactorAuthAge", "0");
        }
        return request.withKeys(keys.build());
    }

    private static String describe(List<Patch> patches, List<CallerAction> actions) {
        String p = patches.isEmpty() ? "no patch" : patches.size() + (patches.size() == 1 ? " patch" : " patches");
        return actions.isEmpty() ? p : p + " and the caller's actions";
    }
}
