package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.IamRole;
import java.util.List;
import java.util.Optional;

/**
 * The policies of one request as the snapshot holds them.
 *
 * @param role     the target role; empty when it does not exist (or its account is not in the snapshot)
 * @param policies empty when there is no role to evaluate against
 */
public record ResolvedPolicies(Optional<IamRole> role, Optional<PolicySet> policies, boolean roleAccountKnown, List<DataGap> gaps) {
    public ResolvedPolicies {
        gaps = List.copyOf(gaps);
    }
}
