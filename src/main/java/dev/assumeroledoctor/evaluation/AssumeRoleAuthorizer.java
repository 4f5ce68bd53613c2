package dev.assumeroledoctor.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides an AssumeRole* action the way AWS does, in one place:
 * <ul>
 * <li>an explicit Deny in any policy (SCP, RCP, identity, boundary, session, trust) wins;</li>
 * <li>every SCP level of the caller's account must allow ("Service control policies");</li>
 * <li>the trust policy must allow: unlike most resource policies, a role trust policy is always
 *     required ("IAM role trust policies … must explicitly allow access for principals");</li>
 * <li>cross-account: the caller's identity policies must allow too, within its boundary and
 *     session policy ("Cross-account policy evaluation logic");</li>
 * <li>same account: a trust statement naming the user or session ARN is enough on its own; one
 *     naming the role ARN is still limited by the boundary and session policy; one naming only the
 *     account needs an identity allow within both ("How AWS enforcement code logic evaluates
 *     requests", resource-based policies).</li>
 * </ul>
 * Web-identity, SAML and service callers are decided by the trust policy and RCPs alone.
 */
public final class AssumeRoleAuthorizer {
    private AssumeRoleAuthorizer() {
    }

    public static ActionAuthorization authorize(RequestContext request, PolicySet policies) {
        PolicyOutcome trust = PolicyOutcome.of(policies.trust(), request);
        TrustGrant grant = TrustGrant.of(trust.evaluation());
        List<LevelOutcome> rcp = levels(policies.rcpLevels(), request);
        RequestPrincipal caller = request.principal();
        String roleAccount = Arns.accountOf(request.resource());
        boolean sameAccount = caller.accountId().filter(roleAccount::equals).isPresent();
        if (!caller.type().awsIdentity()) {
            Match denied = trust.evaluation().denies();
            for (LevelOutcome level : rcp) {
                denied = denied.or(level.denies());
            }
            return new ActionAuthorization(request.action(), sameAccount, trust, grant, List.of(), false,
                    Optional.empty(), Optional.empty(), false, List.of(), rcp, Match.NO, Match.NO, grant.any().and(denied.not()));
        }
        List<PolicyOutcome> identity = new ArrayList<>();
        for (NamedPolicy policy : policies.identity()) {
            identity.add(PolicyOutcome.of(policy, request));
        }
        Optional<PolicyOutcome> boundary = policies.boundary().map(b -> PolicyOutcome.of(b, request));
        Optional<PolicyOutcome> session = policies.session().map(s -> PolicyOutcome.of(s, request));
        List<LevelOutcome> scp = levels(policies.scpLevels(), request);

        Match identityRequired = sameAccount ? grant.direct().or(grant.role()).or(grant.anyone()).not() : Match.YES;
        Match boundaryRequired = sameAccount ? grant.direct().not() : Match.YES;
        ActionAuthorization draft = new ActionAuthorization(request.action(), sameAccount, trust, grant, identity,
                policies.identityIncomplete(), boundary, session, policies.sessionPolicyUnknown(), scp, rcp,
                identityRequired, boundaryRequired, Match.NO);

        Match withinLimits = draft.boundaryAllows().and(draft.sessionAllows());
        Match viaIdentity = grant.any().and(draft.identityAllows()).and(withinLimits);
        /*
         * Same account, "Principal": "*": the documentation says a grant to a user or session ARN
         * is not limited by the boundary or session policy and one to a role ARN is; it says
         * nothing of "*". Where the limits allow, both readings agree; where they do not, the
         * outcome is undetermined (UNKNOWN), never chosen silently.
         */
        Match viaAnyone = grant.anyone().and(withinLimits.or(Match.UNKNOWN));
        Match granted = sameAccount
                ? grant.direct().or(grant.role().and(withinLimits)).or(viaAnyone).or(viaIdentity)
                : viaIdentity;
        Match allowed = granted.and(draft.scpAllows()).and(draft.explicitDeny().not());
        return new ActionAuthorization(request.action(), sameAccount, trust, grant, identity, policies.identityIncomplete(),
                boundary, session, policies.sessionPolicyUnknown(), scp, rcp, identityRequired, boundaryRequired, allowed);
    }

    private static List<LevelOutcome> levels(List<PolicyLevel> levels, RequestContext request) {
        List<LevelOutcome> out = new ArrayList<>();
        for (PolicyLevel level : levels) {
            List<PolicyOutcome> outcomes = new ArrayList<>();
            for (NamedPolicy policy : level.policies()) {
                outcomes.add(PolicyOutcome.of(policy, request));
            }
            out.add(new LevelOutcome(level.targetId(), outcomes, level.unknown()));
        }
        return out;
    }
}
