package dev.assumeroledoctor.snapshot;

/** A customer (or AWS) managed policy with its default version's document. */
public record ManagedPolicy(String arn, String name, String defaultVersionId, StoredPolicy policy) {
}
