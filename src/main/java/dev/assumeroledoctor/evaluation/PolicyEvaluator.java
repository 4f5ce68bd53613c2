package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.Condition;
import dev.assumeroledoctor.policy.ElementValues;
import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates one policy document against one request: a pure function of its two arguments. Every
 * statement and every condition is evaluated, even after one fails, so the trace can name all
 * that stands in the way.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    public static PolicyEvaluation evaluate(PolicyDocument policy, RequestContext request) {
        boolean variables = policy.substitutesVariables();
        List<StatementTrace> traces = new ArrayList<>(policy.statements().size());
        for (Statement statement : policy.statements()) {
            traces.add(evaluate(statement, request, variables));
        }
        return new PolicyEvaluation(traces);
    }

    static StatementTrace evaluate(Statement statement, RequestContext request, boolean variables) {
        Optional<PrincipalMatch> principal = statement.principal().map(p -> PrincipalMatcher.match(p, request.principal()));
        ElementMatch action = actionMatch(statement.actions(), request.action());
        ElementMatch resource = statement.resources()
                .map(r -> resourceMatch(r, request, variables))
                .orElse(ElementMatch.notPresent());
        List<ConditionTrace> conditions = new ArrayList<>();
        Match applies = principal.map(PrincipalMatch::match).orElse(Match.YES).and(action.match()).and(resource.match());
        for (Condition condition : statement.conditions()) {
            ConditionTrace trace = ConditionEvaluator.evaluate(condition, request.keys(), variables);
            conditions.add(trace);
            applies = applies.and(trace.result());
        }
        return new StatementTrace(statement, principal, action, resource, conditions, applies);
    }

    /* Action names are case-insensitive and take * and ? ("IAM JSON policy elements: Action"). */
    static ElementMatch actionMatch(ElementValues actions, String action) {
        for (String pattern : actions.values()) {
            if (Glob.of(pattern).matches(action, true)) {
                return new ElementMatch(Match.of(!actions.negated()), Optional.of(pattern));
            }
        }
        return new ElementMatch(Match.of(actions.negated()), Optional.empty());
    }

    static ElementMatch resourceMatch(ElementValues resources, RequestContext request, boolean variables) {
        Match any = Match.NO;
        Optional<String> matched = Optional.empty();
        for (String pattern : resources.values()) {
            Substitution substitution = PolicyVariables.substitute(pattern, request.keys(), variables);
            Match one = ConditionEvaluator.compare(dev.assumeroledoctor.policy.BaseOperator.ARN_LIKE, request.resource(), substitution);
            if (one == Match.YES && matched.isEmpty()) {
                matched = Optional.of(pattern);
            }
            any = any.or(one);
        }
        return new ElementMatch(resources.negated() ? any.not() : any, matched);
    }
}
