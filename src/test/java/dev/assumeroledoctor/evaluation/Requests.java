package dev.assumeroledoctor.evaluation;

import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;

/** Test helpers: requests and one-statement policies written compactly. */
final class Requests {
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String ROLE = "arn:aws:iam::111122223333:role/deploy/DeployRole";
    static final String USER = "arn:aws:iam::444455556666:user/alice";

    private Requests() {
    }

    static RequestContext assumeRole(RequestPrincipal caller, ContextKeys keys) {
        return new RequestContext(caller, "sts:AssumeRole", ROLE, keys);
    }

    static RequestContext assumeRole(ContextKeys keys) {
        return assumeRole(RequestPrincipal.user(USER), keys);
    }

    static ContextKeys keys(String... pairs) {
        ContextKeys.Builder builder = ContextKeys.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.put(pairs[i], pairs[i + 1]);
        }
        return builder.build();
    }

    /** A 2012-10-17 policy with one Allow statement of sts:AssumeRole on * with this condition block. */
    static PolicyDocument allowWhen(String conditionJson) {
        return PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                "Condition":%s}]}""".formatted(conditionJson));
    }

    static Match conditionHolds(String conditionJson, ContextKeys keys) {
        return PolicyEvaluator.evaluate(allowWhen(conditionJson), assumeRole(keys)).allows();
    }
}
