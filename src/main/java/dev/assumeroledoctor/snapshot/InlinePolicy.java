package dev.assumeroledoctor.snapshot;

/** A policy embedded in a user, group or role. */
public record InlinePolicy(String name, StoredPolicy policy) {
}
