package dev.assumeroledoctor.evaluation;

/** The outcome of substituting policy variables into one policy value. */
public sealed interface Substitution {

    /** Every variable resolved (or none was used). */
    record Resolved(Glob pattern) implements Substitution {
    }

    /**
     * A variable names a key that is absent (or multivalued) and has no default: per "IAM policy
     * elements: Variables and tags", the value then matches nothing.
     */
    record Unresolvable(String variable) implements Substitution {
    }

    /** A variable reads a key whose value the record does not tell. */
    record Unknown(String key) implements Substitution {
    }
}
