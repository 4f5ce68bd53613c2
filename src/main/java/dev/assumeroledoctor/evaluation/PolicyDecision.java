package dev.assumeroledoctor.evaluation;

/** The outcome of one policy for one request ("Policy evaluation logic"). */
public enum PolicyDecision {
    ALLOW,
    /** No statement allows: denied unless another policy allows. */
    IMPLICIT_DENY,
    /** A Deny statement applies: denied whatever other policies say. */
    EXPLICIT_DENY,
    /** Depends on a request value the record does not tell. */
    UNDETERMINED
}
