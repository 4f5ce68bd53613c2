package dev.assumeroledoctor.evaluation;

/** One policy's evaluation, with the policy it came from. */
public record PolicyOutcome(NamedPolicy policy, PolicyEvaluation evaluation) {
    static PolicyOutcome of(NamedPolicy policy, RequestContext request) {
        return new PolicyOutcome(policy, PolicyEvaluator.evaluate(policy.document(), request));
    }
}
