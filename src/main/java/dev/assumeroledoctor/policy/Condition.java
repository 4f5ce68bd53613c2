package dev.assumeroledoctor.policy;

import java.util.List;

/**
 * One operator/key pair of a {@code Condition} block. Values keep their text form: JSON numbers
 * and booleans become their literal text, which is how IAM compares them.
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
    public Condition {
        values = List.copyOf(values);
    }

    /** Condition keys are case-insensitive (IAM JSON policy elements: Condition). */
    public boolean hasKey(String other) {
        return key.equalsIgnoreCase(other);
    }
}
