package dev.assumeroledoctor.event;

/** What an incoming event turned out to be. */
public sealed interface ParsedEvent {

    /** A failed AssumeRole* call this product diagnoses. */
    record Applicable(AssumeRoleEvent event) implements ParsedEvent {
    }

    /** A well-formed event that is not for us: a one-line reason, not an error. */
    record NotApplicable(String reason) implements ParsedEvent {
    }
}
