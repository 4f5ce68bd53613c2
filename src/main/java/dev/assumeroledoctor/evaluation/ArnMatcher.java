package dev.assumeroledoctor.evaluation;

import java.util.List;

/**
 * ARN matching for {@code Resource} and the {@code Arn…} operators: "each of the six
 * colon-delimited components of the ARN is checked separately and each can include a
 * multi-character match wildcard (*) or a single-character match wildcard (?)" (IAM JSON policy
 * elements: Condition operators, ARN). Case-sensitive.
 */
public final class ArnMatcher {
    private static final int ARN_PARTS = 6;

    private ArnMatcher() {
    }

    public static boolean matches(Glob pattern, String arn) {
        if (pattern.isMatchAll()) {
            return true;
        }
        List<Glob> patternParts = pattern.split(':', ARN_PARTS);
        String[] arnParts = arn.split(":", ARN_PARTS);
        if (patternParts.size() != ARN_PARTS || arnParts.length != ARN_PARTS) {
            return false;
        }
        for (int i = 0; i < ARN_PARTS; i++) {
            if (!patternParts.get(i).matches(arnParts[i], false)) {
                return false;
            }
        }
        return true;
    }
}
