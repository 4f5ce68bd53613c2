package dev.assumeroledoctor.diagnosis;

/**
 * What today's policies decide for the request, never more than the causes show. ALLOWED means
 * allowed whatever the unknowns are (the failure then lies outside policy, or policies changed: see
 * the causes); IMPLICIT_DENY, denied whatever the unknowns, with no Deny statement deciding;
 * EXPLICIT_DENY, a Deny statement decided (a certain cause); UNDETERMINED, the outcome depends on
 * what the report lacks (a data gap, or a value the record does not show).
 */
public enum Verdict {
    ALLOWED, IMPLICIT_DENY, EXPLICIT_DENY, UNDETERMINED, NOT_APPLICABLE
}
