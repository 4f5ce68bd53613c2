package dev.assumeroledoctor.evaluation;

import java.util.List;

/** One SCP/RCP level's policies, evaluated: the level allows when any of its policies allows. */
public record LevelOutcome(String targetId, List<PolicyOutcome> policies, boolean unknown) {
    public LevelOutcome {
        policies = List.copyOf(policies);
    }

    /** Whether any policy of the level denies. */
    public Match denies() {
        Match any = unknown ? Match.UNKNOWN : Match.NO;
        for (PolicyOutcome outcome : policies) {
            any = any.or(outcome.evaluation().denies());
        }
        return any;
    }

    public Match allows() {
        Match any = unknown ? Match.UNKNOWN : Match.NO;
        for (PolicyOutcome outcome : policies) {
            any = any.or(outcome.evaluation().allows());
        }
        return any;
    }
}
