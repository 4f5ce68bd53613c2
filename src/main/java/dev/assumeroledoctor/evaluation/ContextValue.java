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

    /**
     * The record narrows the key to a few possibilities without telling which one held: an IAM
     * user on long-term keys sends {@code aws:MultiFactorAuthPresent} only when it passes an MFA
     * code, and then as "true", so the key is absent or "true", never "false".
     *
     * @param alternatives each {@link Present} or {@link Absent}
     */
    record OneOf(List<ContextValue> alternatives) implements ContextValue {
        public OneOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.stream().anyMatch(a -> a instanceof Unknown || a instanceof OneOf)) {
                throw new IllegalArgumentException("alternatives are present or absent values");
            }
        }
    }
}
