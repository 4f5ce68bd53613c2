package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.evaluation.Match;

/**
 * A principal (or the caller in another context) that a patch's edit can reach, evaluated before
 * and after the patch with its own policies.
 *
 * @param who      an ARN, a token subject, or the caller with a changed value ("the caller with aws:SourceIp 203.0.113.254")
 * @param role     the role it was evaluated against
 * @param relation why the edit can reach it ("named by the edited trust statement", "shares the boundary …")
 */
public record Bystander(String who, String role, String relation, Match before, Match after) {

    /** Denied before and allowed after (or possibly allowed after, where it was certainly denied). */
    public boolean gains() {
        return (before != Match.YES && after == Match.YES) || (before == Match.NO && after == Match.UNKNOWN);
    }
}
