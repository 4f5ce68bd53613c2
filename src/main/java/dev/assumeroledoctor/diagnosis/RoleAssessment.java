package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ActionAuthorization;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.snapshot.IamRole;
import java.util.List;
import java.util.Optional;

/** The request evaluated against one role: what remediation and verification build on. */
public record RoleAssessment(String roleArn, Optional<IamRole> role, Optional<PolicySet> policies, List<ActionAuthorization> authorizations) {
    public RoleAssessment {
        authorizations = List.copyOf(authorizations);
    }

    /** Every action of the request is allowed (NO when there is no role to evaluate). */
    public Match allowed() {
        if (authorizations.isEmpty()) {
            return Match.NO;
        }
        Match all = Match.YES;
        for (ActionAuthorization auth : authorizations) {
            all = all.and(auth.allowed());
        }
        return all;
    }
}
