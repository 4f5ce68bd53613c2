package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.Condition;

/**
 * How one condition of a statement fared against the request.
 *
 * @param condition    the operator, key and required values as written in the policy
 * @param requestValue what the request context held for the key
 * @param result       whether the condition holds
 */
public record ConditionTrace(Condition condition, ContextValue requestValue, Match result) {
}
