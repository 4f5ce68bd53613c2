package dev.assumeroledoctor.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * How every policy type decided one action of the request (sts:AssumeRole, and sts:TagSession
 * or sts:SetSourceIdentity when the request needs them).
 *
 * @param identityRequired  whether an identity-based allow is needed (cross-account, or the trust
 *                          policy names only the account)
 * @param boundaryRequired  whether the boundary and session policy limit this grant
 */
public record ActionAuthorization(
        String action,
        boolean sameAccount,
        PolicyOutcome trust,
        TrustGrant trustGrant,
        List<PolicyOutcome> identity,
        boolean identityIncomplete,
        Optional<PolicyOutcome> boundary,
        Optional<PolicyOutcome> session,
        boolean sessionPolicyUnknown,
        List<LevelOutcome> scp,
        List<LevelOutcome> rcp,
        Match identityRequired,
        Match boundaryRequired,
        Match allowed) {

    public ActionAuthorization {
        identity = List.copyOf(identity);
        scp = List.copyOf(scp);
        rcp = List.copyOf(rcp);
    }

    public Match identityAllows() {
        Match any = identityIncomplete ? Match.UNKNOWN : Match.NO;
        for (PolicyOutcome outcome : identity) {
            any = any.or(outcome.evaluation().allows());
        }
        return any;
    }

    public Match identityDenies() {
        Match any = identityIncomplete ? Match.UNKNOWN : Match.NO;
        for (PolicyOutcome outcome : identity) {
            any = any.or(outcome.evaluation().denies());
        }
        return any;
    }

    public Match boundaryAllows() {
        return boundary.map(b -> b.evaluation().allows()).orElse(Match.YES);
    }

    public Match sessionAllows() {
        return session.map(s -> s.evaluation().allows()).orElse(sessionPolicyUnknown ? Match.UNKNOWN : Match.YES);
    }

    /** Every SCP level allows (vacuously when no SCPs apply). */
    public Match scpAllows() {
        Match all = Match.YES;
        for (LevelOutcome level : scp) {
            all = all.and(level.allows());
        }
        return all;
    }

    /** Whether any policy of any type explicitly denies. */
    public Match explicitDeny() {
        Match deny = trust.evaluation().denies().or(identityDenies());
        deny = deny.or(boundary.map(b -> b.evaluation().denies()).orElse(Match.NO));
        deny = deny.or(session.map(s -> s.evaluation().denies()).orElse(Match.NO));
        for (LevelOutcome level : scp) {
            deny = deny.or(level.denies());
        }
        for (LevelOutcome level : rcp) {
            deny = deny.or(level.denies());
        }
        return deny;
    }
}
