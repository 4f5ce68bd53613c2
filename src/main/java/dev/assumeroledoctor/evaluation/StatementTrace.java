package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.Effect;
import dev.assumeroledoctor.policy.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Everything about one statement's evaluation: the data every explanation is built from.
 *
 * @param principal absent when the statement has no Principal (identity policies, SCPs)
 * @param applies   principal, action, resource and every condition together
 */
public record StatementTrace(
        Statement statement,
        Optional<PrincipalMatch> principal,
        ElementMatch action,
        ElementMatch resource,
        List<ConditionTrace> conditions,
        Match applies) {

    public StatementTrace {
        conditions = List.copyOf(conditions);
    }

    public Effect effect() {
        return statement.effect();
    }

    /** The conditions that do not hold (or may not), i.e. what stops the statement applying. */
    public List<ConditionTrace> unmetConditions() {
        return conditions.stream().filter(c -> c.result() != Match.YES).toList();
    }

    /** Principal, action and resource match: only conditions can stand in the way. */
    public Match targetsRequest() {
        return principal.map(PrincipalMatch::match).orElse(Match.YES).and(action.match()).and(resource.match());
    }
}
