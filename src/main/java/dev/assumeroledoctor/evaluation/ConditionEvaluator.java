package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.BaseOperator;
import dev.assumeroledoctor.policy.Condition;
import dev.assumeroledoctor.policy.ConditionOperator;
import dev.assumeroledoctor.policy.OperatorFamily;
import dev.assumeroledoctor.policy.SetQualifier;
import java.util.List;

/**
 * Decides one condition as "IAM JSON policy elements: Condition operators" and "Single-valued vs.
 * multivalued context keys" define it:
 * <ul>
 * <li>several policy values are OR-ed; a negated operator holds when the request value matches
 *     none of them;</li>
 * <li>a missing key makes a condition false, except negated operators (true), {@code …IfExists}
 *     (true), {@code ForAllValues} (true) and {@code Null};</li>
 * <li>{@code ForAllValues}: every request value must satisfy the operator; {@code ForAnyValue}:
 *     at least one.</li>
 * </ul>
 * A multivalued key used without a set qualifier is read as "any request value" for positive
 * operators and "no request value" for negated ones, the natural extension of the single-valued
 * rules; the documentation calls that usage unsupported rather than defining it.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static ConditionTrace evaluate(Condition condition, ContextKeys keys, boolean variables) {
        ContextValue value = keys.lookup(condition.key());
        return new ConditionTrace(condition, value, decide(condition, value, keys, variables));
    }

    private static Match decide(Condition condition, ContextValue value, ContextKeys keys, boolean variables) {
        ConditionOperator operator = condition.operator();
        if (value instanceof ContextValue.Unknown) {
            return Match.UNKNOWN;
        }
        if (value instanceof ContextValue.OneOf oneOf) {
            // certain only when every possibility decides the same way
            Match first = null;
            for (ContextValue alternative : oneOf.alternatives()) {
                Match m = decide(condition, alternative, keys, variables);
                if (first == null) {
                    first = m;
                } else if (m != first) {
                    return Match.UNKNOWN;
                }
            }
            return first == null ? Match.UNKNOWN : first;
        }
        List<String> requestValues = value instanceof ContextValue.Present p ? p.values() : List.of();
        boolean present = value instanceof ContextValue.Present;
        if (operator.base() == BaseOperator.NULL) {
            return nullCheck(condition.values(), present && !requestValues.isEmpty());
        }
        if (!present) {
            if (operator.ifExists() || operator.qualifier() == SetQualifier.FOR_ALL_VALUES) {
                return Match.YES;
            }
            if (operator.qualifier() == SetQualifier.FOR_ANY_VALUE) {
                return Match.NO;
            }
            return Match.of(operator.base().negated());
        }
        boolean negated = operator.base().negated();
        return switch (operator.qualifier()) {
            case FOR_ALL_VALUES -> all(requestValues, condition, keys, variables, negated);
            case FOR_ANY_VALUE -> any(requestValues, condition, keys, variables, negated);
            case NONE -> negated
                    ? all(requestValues, condition, keys, variables, true)
                    : any(requestValues, condition, keys, variables, false);
        };
    }

    /* {"Null": {"k": "true"}} holds when k is absent; "false" when it is present. */
    private static Match nullCheck(List<String> policyValues, boolean present) {
        Match result = Match.NO;
        for (String wanted : policyValues) {
            result = result.or(Match.of(Boolean.parseBoolean(wanted.strip()) != present));
        }
        return result;
    }

    private static Match all(List<String> requestValues, Condition c, ContextKeys keys, boolean vars, boolean negated) {
        Match result = Match.YES;
        for (String request : requestValues) {
            result = result.and(satisfies(request, c, keys, vars, negated));
        }
        return result;
    }

    private static Match any(List<String> requestValues, Condition c, ContextKeys keys, boolean vars, boolean negated) {
        Match result = Match.NO;
        for (String request : requestValues) {
            result = result.or(satisfies(request, c, keys, vars, negated));
        }
        return result;
    }

    private static Match satisfies(String request, Condition c, ContextKeys keys, boolean vars, boolean negated) {
        Match matchesAny = Match.NO;
        boolean substitutes = vars && supportsVariables(c.operator().base().family());
        for (String policyValue : c.values()) {
            Substitution substitution = PolicyVariables.substitute(policyValue, keys, substitutes);
            matchesAny = matchesAny.or(compare(c.operator().base(), request, substitution));
        }
        return negated ? matchesAny.not() : matchesAny;
    }

    static Match compare(BaseOperator operator, String request, Substitution substitution) {
        if (substitution instanceof Substitution.Resolved resolved) {
            return Match.of(ValueComparison.positiveMatch(operator, request, resolved.pattern()));
        }
        return substitution instanceof Substitution.Unknown ? Match.UNKNOWN : Match.NO;
    }

    /* "Policy variables: Supported" only for the String, ARN and Bool families. */
    private static boolean supportsVariables(OperatorFamily family) {
        return family == OperatorFamily.STRING || family == OperatorFamily.ARN || family == OperatorFamily.BOOL;
    }
}
