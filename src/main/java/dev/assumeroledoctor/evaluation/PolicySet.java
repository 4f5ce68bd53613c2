package dev.assumeroledoctor.evaluation;

import java.util.List;
import java.util.Optional;

/**
 * Every policy that decides one AssumeRole request.
 *
 * @param identity           the caller's inline, attached and group policies
 * @param identityIncomplete some attached policy's document is not known (e.g. an AWS managed
 *                           policy missing from the snapshot): it may allow or deny
 * @param session            the caller's session policy, when it can be seen
 * @param sessionPolicyUnknown the caller is a session that may carry a session policy nobody can see
 * @param scpLevels          the caller account's SCP levels; empty when none apply
 * @param rcpLevels          the role account's RCP levels; empty when none apply
 */
public record PolicySet(
        NamedPolicy trust,
        List<NamedPolicy> identity,
        boolean identityIncomplete,
        Optional<NamedPolicy> boundary,
        Optional<NamedPolicy> session,
        boolean sessionPolicyUnknown,
        List<PolicyLevel> scpLevels,
        List<PolicyLevel> rcpLevels) {

    public PolicySet {
        identity = List.copyOf(identity);
        scpLevels = List.copyOf(scpLevels);
        rcpLevels = List.copyOf(rcpLevels);
    }

    public PolicySet withTrust(NamedPolicy other) {
        return new PolicySet(other, identity, identityIncomplete, boundary, session, sessionPolicyUnknown, scpLevels, rcpLevels);
    }

    public PolicySet withOrganizationLevels(List<PolicyLevel> scps, List<PolicyLevel> rcps) {
        return new PolicySet(trust, identity, identityIncomplete, boundary, session, sessionPolicyUnknown, scps, rcps);
    }
}
