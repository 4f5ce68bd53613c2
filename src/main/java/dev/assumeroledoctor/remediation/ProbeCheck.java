package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.Optional;

/**
 * Failed AssumeRole bursts from strangers are how roles are probed: a caller from outside the
 * organization, or from an account the snapshot does not know, gets no trust grant from us.
 */
final class ProbeCheck {
    private ProbeCheck() {
    }

    static Optional<String> reason(RebuiltRequest request, Snapshot snapshot) {
        if (!request.caller().type().awsIdentity() || request.callerAccount().isEmpty() || !request.crossAccount()) {
            return Optional.empty();
        }
        String account = request.callerAccount().get();
        if (snapshot.organization().isPresent()) {
            return snapshot.organization().get().contains(account) ? Optional.empty()
                    : Optional.of("POSSIBLE_PROBE: the caller's account " + account + " is outside organization "
                    + snapshot.organization().get().id() + "; no trust grant is proposed, a person must decide whether it should have access");
        }
        return snapshot.account(account).isPresent() ? Optional.empty()
                : Optional.of("POSSIBLE_PROBE: the caller's account " + account
                + " is unknown to the snapshot; no trust grant is proposed, a person must decide whether it should have access");
    }
}
