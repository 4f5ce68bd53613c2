package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.PolicyDocument;

/** A policy document with the reference a report cites it by. */
public record NamedPolicy(PolicyRef ref, PolicyDocument document) {
}
