package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.BaseOperator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Compares one request value with one (substituted) policy value under the positive form of an
 * operator; the negation of {@code …Not…} operators is applied by the caller, over all values.
 * A value the family cannot read (a non-number for Numeric…) matches nothing.
 */
final class ValueComparison {
    private ValueComparison() {
    }

    static boolean positiveMatch(BaseOperator operator, String request, Glob policy) {
        return switch (operator) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> request.equals(policy.text());
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> request.equalsIgnoreCase(policy.text());
            case STRING_LIKE, STRING_NOT_LIKE -> policy.matches(request, false);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> compareNumbers(request, policy.text()).map(c -> c == 0).orElse(false);
            case NUMERIC_LESS_THAN -> compareNumbers(request, policy.text()).map(c -> c < 0).orElse(false);
            case NUMERIC_LESS_THAN_EQUALS -> compareNumbers(request, policy.text()).map(c -> c <= 0).orElse(false);
            case NUMERIC_GREATER_THAN -> compareNumbers(request, policy.text()).map(c -> c > 0).orElse(false);
            case NUMERIC_GREATER_THAN_EQUALS -> compareNumbers(request, policy.text()).map(c -> c >= 0).orElse(false);
            case DATE_EQUALS, DATE_NOT_EQUALS -> compareDates(request, policy.text()).map(c -> c == 0).orElse(false);
            case DATE_LESS_THAN -> compareDates(request, policy.text()).map(c -> c < 0).orElse(false);
            case DATE_LESS_THAN_EQUALS -> compareDates(request, policy.text()).map(c -> c <= 0).orElse(false);
            case DATE_GREATER_THAN -> compareDates(request, policy.text()).map(c -> c > 0).orElse(false);
            case DATE_GREATER_THAN_EQUALS -> compareDates(request, policy.text()).map(c -> c >= 0).orElse(false);
            case BOOL -> request.equalsIgnoreCase(policy.text());
            case BINARY_EQUALS -> binaryEquals(request, policy.text());
            case IP_ADDRESS, NOT_IP_ADDRESS -> IpRange.parse(policy.text()).map(r -> r.contains(request)).orElse(false);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> ArnMatcher.matches(policy, request);
            case NULL -> throw new IllegalArgumentException("Null compares presence, not values");
        };
    }

    private static Optional<Integer> compareNumbers(String request, String policy) {
        try {
            return Optional.of(new BigDecimal(request.strip()).compareTo(new BigDecimal(policy.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> compareDates(String request, String policy) {
        Optional<Instant> left = PolicyDates.parse(request);
        Optional<Instant> right = PolicyDates.parse(policy);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(left.get().compareTo(right.get()));
    }

    private static boolean binaryEquals(String request, String policy) {
        try {
            return Arrays.equals(Base64.getDecoder().decode(request.strip()), Base64.getDecoder().decode(policy.strip()));
        } catch (IllegalArgumentException e) {
            return request.equals(policy);
        }
    }
}
