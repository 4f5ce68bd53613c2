package dev.assumeroledoctor.diagnosis;

import java.util.List;

/**
 * A condition that does not hold, already redacted: the required values of a secret key
 * ({@code sts:ExternalId}) are never carried, and neither is the request's value of one.
 *
 * @param requestValue the request's value(s), or "absent" / "unknown" / "(redacted)"
 */
public record ConditionFinding(String key, String operator, List<String> requiredValues, String requestValue) {
    public ConditionFinding {
        requiredValues = List.copyOf(requiredValues);
    }
}
