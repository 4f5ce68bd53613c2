package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.PolicyResolver;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.diagnosis.ResolvedPolicies;
import dev.assumeroledoctor.diagnosis.RoleAssessment;
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
 * request is allowed ({@code verified}), and no sample principal — another role and another user
 * of the caller's account, a stranger account, the caller on another role — gains anything
 * ({@code broadens}).
 */
final class PatchVerifier {
    private PatchVerifier() {
    }

    static Remediation verify(Diagnosis diagnosis, Snapshot snapshot, List<Patch> patches, List<CallerAction> actions, List<String> flags) {
        List<String> notes = new ArrayList<>();
        Optional<RoleAssessment> assessed = diagnosis.assessments().stream().filter(a -> a.role().isPresent()).findFirst();
        if (assessed.isEmpty()) {
            notes.add("no existing role to evaluate against: nothing could be verified");
            return new Remediation(patches, actions, flags, false, false, notes);
        }
        String role = assessed.get().roleArn();
        RebuiltRequest request = withCallerActions(diagnosis, assessed.get());
        Snapshot patched = SnapshotPatcher.apply(snapshot, patches);
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
        boolean broadens = false;
        if (!patches.isEmpty() && before.isPresent() && after.isPresent()) {
            for (Sample sample : Sample.of(request, role, before.get(), after.get())) {
                Match was = allowed(sample.request(), sample.role(), sample.before());
                Match now = allowed(sample.request(), sample.role(), sample.after());
                if ((was != Match.YES && now == Match.YES) || (was == Match.NO && now == Match.UNKNOWN)) {
                    broadens = true;
                    notes.add("the patches also let " + sample.description() + " assume " + Arns.nameOf(sample.role()));
                }
            }
            if (!broadens) {
                notes.add("no sample principal gains access: another role and another user of the caller's account, a stranger account, the caller on another role");
            }
        }
        return new Remediation(patches, actions, flags, verified, broadens, notes);
    }

    static Match allowed(RebuiltRequest request, String role, PolicySet policies) {
        Match all = Match.YES;
        for (String action : request.actions()) {
            all = all.and(AssumeRoleAuthorizer.authorize(request.context(action, role), policies).allowed());
        }
        return all;
    }

    /* The caller passing the ExternalId the trust policy requires, or its MFA code, as the actions say. */
    private static RebuiltRequest withCallerActions(Diagnosis diagnosis, RoleAssessment assessment) {
        RebuiltRequest request = diagnosis.request();
        ContextKeys.Builder keys = request.keys().toBuilder();
        if (diagnosis.has(CauseId.CONDITION_EXTERNAL_ID)) {
            for (ActionAuthorization auth : assessment.authorizations()) {
                for (StatementTrace s : auth.trust().evaluation().statements()) {
                    for (ConditionTrace c : s.conditions()) {
                        if (c.condition().hasKey("sts:ExternalId") && !c.condition().operator().base().negated() && c.result() != Match.YES) {
                            keys.put("sts:ExternalId", c.condition().values().get(0));
                        }
                    }
                }
            }
        }
        if (diagnosis.has(CauseId.CONDITION_MFA) && request.caller().type() == PrincipalType.IAM_USER) {
            keys.put("aws:MultiFactorAuthPresent", "true").put("aws:MultiFactorAuthAge", "0");
        }
        return request.withKeys(keys.build());
    }

    private static String describe(List<Patch> patches, List<CallerAction> actions) {
        String p = patches.isEmpty() ? "no patch" : patches.size() + (patches.size() == 1 ? " patch" : " patches");
        return actions.isEmpty() ? p : p + " and the caller's actions";
    }
}
