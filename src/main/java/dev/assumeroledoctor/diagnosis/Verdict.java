package dev.assumeroledoctor.diagnosis;

/**
 * What today's policies decide for the request. ALLOWED means allowed whatever the unknowns are
 * (the failure then lies outside policy, or policies changed: see the causes).
 */
public enum Verdict {
    ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY, NOT_APPLICABLE
}
