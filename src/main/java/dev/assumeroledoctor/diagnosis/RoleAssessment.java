package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ActionAuthorization;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.snapshot.IamRole;
import java.util.List;
import java.util.Optional;

/**
 * The request evaluated against one role: what remediation and verification build on.
 *
 * @param unreadable the role could not be read (its account's IAM is missing, or reading it was refused): nothing is known of it
 */
public record RoleAssessment(String roleArn, Optional<IamRole> role, Optional<PolicySet> policies, List<ActionAuthorization> authorizations,
                             boolean unreadable) {
    public RoleAssessment {
        authorizations = List.copyOf(authorizations);
    }

    public RoleAssessment(String roleArn, Optional<IamRole> role, Optional<PolicySet> policies, List<ActionAuthorization> authorizations) {
        this(roleArn, role, policies, authorizations, false);
    }

    /** Every action of the request is allowed (NO when the role does not exist, UNKNOWN when it could not be read). */
    public Match allowed() {
        if (authorizations.isEmpty()) {
            return unreadable ? Match.UNKNOWN : Match.NO;
        }
        Match all = Match.YES;
        for (ActionAuthorization auth : authorizations) {
            all = all.and(auth.allowed());
        }
        return all;
    }
}
