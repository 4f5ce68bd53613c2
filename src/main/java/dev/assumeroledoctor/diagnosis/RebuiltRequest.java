package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.RequestContext;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.event.StsCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request AWS decided, rebuilt from the CloudTrail record and the snapshot.
 *
 * @param roleArn          the role asked for; empty only for a web-identity/SAML call whose record names no role
 * @param extraActions     the actions AWS authorizes besides the call itself: sts:TagSession when
 *                         tags were passed, sts:SetSourceIdentity when a source identity was
 * @param issuerArn        the user or role whose identity policies apply (a session's role, a
 *                         federated user's IAM user); empty for root, service and federated callers
 * @param roleArnTruncated the role ARN comes from an errorMessage CloudTrail cut short
 * @param unknowns         what the record does not tell, in words
 */
public record RebuiltRequest(
        StsCall call,
        RequestPrincipal caller,
        String callerType,
        Optional<String> issuerArn,
        Optional<String> roleArn,
        boolean roleArnTruncated,
        ContextKeys keys,
        List<String> extraActions,
        boolean roleChaining,
        Optional<Integer> durationSeconds,
        Optional<String> sessionName,
        SecretState externalId,
        Map<String, String> tags,
        Optional<String> sourceIdentity,
        List<String> unknowns) {

    public RebuiltRequest {
        extraActions = List.copyOf(extraActions);
        tags = Map.copyOf(tags);
        unknowns = List.copyOf(unknowns);
    }

    public Optional<String> callerAccount() {
        return caller.accountId();
    }

    public Optional<String> roleAccount() {
        return roleArn.map(dev.assumeroledoctor.evaluation.Arns::accountOf);
    }

    public boolean crossAccount() {
        return callerAccount().isPresent() && roleAccount().isPresent() && !callerAccount().equals(roleAccount());
    }

    /** Every action AWS must allow for this request, the call's own first. */
    public List<String> actions() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(call.action());
        all.addAll(extraActions);
        return all;
    }

    public RequestContext context(String action, String role) {
        return new RequestContext(caller, action, role, keys);
    }

    public RebuiltRequest withKeys(ContextKeys other) {
        return new RebuiltRequest(call, caller, callerType, issuerArn, roleArn, roleArnTruncated, other, extraActions, roleChaining, durationSeconds,
                sessionName, externalId, tags, sourceIdentity, unknowns);
    }

    public RebuiltRequest withRole(String role) {
        return new RebuiltRequest(call, caller, callerType, issuerArn, Optional.of(role), roleArnTruncated, keys, extraActions, roleChaining, durationSeconds,
                sessionName, externalId, tags, sourceIdentity, unknowns);
    }
}
