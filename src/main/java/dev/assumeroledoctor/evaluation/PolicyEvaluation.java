package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.Effect;
import java.util.List;

/** One policy's verdict with the trace of every statement. */
public record PolicyEvaluation(List<StatementTrace> statements) {
    public PolicyEvaluation {
        statements = List.copyOf(statements);
    }

    /** Whether some Allow statement applies. */
    public Match allows() {
        return anyApplies(Effect.ALLOW);
    }

    /** Whether some Deny statement applies. */
    public Match denies() {
        return anyApplies(Effect.DENY);
    }

    /** Allowed and not denied, by this policy alone. */
    public Match permits() {
        return allows().and(denies().not());
    }

    public PolicyDecision decision() {
        Match deny = denies();
        Match allow = allows();
        if (deny == Match.YES) {
            return PolicyDecision.EXPLICIT_DENY;
        }
        if (deny == Match.NO && allow != Match.UNKNOWN) {
            return allow == Match.YES ? PolicyDecision.ALLOW : PolicyDecision.IMPLICIT_DENY;
        }
        return PolicyDecision.UNDETERMINED;
    }

    public List<StatementTrace> withEffect(Effect effect) {
        return statements.stream().filter(s -> s.effect() == effect).toList();
    }

    private Match anyApplies(Effect effect) {
        Match result = Match.NO;
        for (StatementTrace trace : statements) {
            if (trace.effect() == effect) {
                result = result.or(trace.applies());
            }
        }
        return result;
    }
}
