package dev.assumeroledoctor.diagnosis;

/** What is known of a secret request value (the ExternalId) without ever showing it. */
public enum SecretState {
    /** The request carried none. */
    ABSENT,
    /** The request carried one; its value is never rendered. */
    PRESENT,
    /** The record does not tell (failed records have null requestParameters). */
    UNKNOWN
}
