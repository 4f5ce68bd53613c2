package dev.assumeroledoctor.evaluation;

import java.util.List;

/** What the request context holds for one condition key. */
public sealed interface ContextValue {

    /** The key is in the request, with one value or (multivalued keys) several. */
    record Present(List<String> values) implements ContextValue {
        public Present {
            values = List.copyOf(values);
        }
    }

    /** The key is known not to be in the request. */
    record Absent() implements ContextValue {
    }

    /** The record does not tell whether the key was in the request or what it held. */
    record Unknown() implements ContextValue {
    }
}
