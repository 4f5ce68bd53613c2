package dev.assumeroledoctor.evaluation;

import static dev.assumeroledoctor.evaluation.Requests.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;
import org.junit.jupiter.api.Test;

/** "Policy evaluation logic" within one policy, and the trace it leaves. */
class PolicyEvaluatorTest {
    private static final RequestPrincipal CALLER = RequestPrincipal.user(Requests.USER);

    @Test
    void noMatchingStatementIsAnImplicitDeny() {
        PolicyDocument policy = parse("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");
        assertThat(evaluate(policy, ContextKeys.empty()).decision()).isEqualTo(PolicyDecision.IMPLICIT_DENY);
    }

    @Test
    void anExplicitDenyOverridesAnAllowInTheSamePolicy() {
        PolicyDocument policy = parse("""
                [{"Effect":"Allow","Action":"sts:*","Resource":"*"},
                 {"Sid":"NoDeploy","Effect":"Deny","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/deploy/*"}]""");
        PolicyEvaluation evaluation = evaluate(policy, ContextKeys.empty());
        assertThat(evaluation.decision()).isEqualTo(PolicyDecision.EXPLICIT_DENY);
        assertThat(evaluation.statements().get(1).statement().label()).isEqualTo("Sid \"NoDeploy\"");
        assertThat(evaluation.statements().get(1).resource().pattern()).contains("arn:aws:iam::*:role/deploy/*");
    }

    @Test
    void notActionWithDenyDeniesEverythingButTheListedActions() {
        // "IAM JSON policy elements: NotAction": NotAction with Deny denies all actions not listed
        PolicyDocument policy = parse("""
                [{"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","NotAction":["iam:*","sts:GetCallerIdentity"],"Resource":"*",
                  "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]""");
        assertThat(evaluate(policy, keys("aws:MultiFactorAuthPresent", "false")).decision()).isEqualTo(PolicyDecision.EXPLICIT_DENY);
        assertThat(evaluate(policy, keys("aws:MultiFactorAuthPresent", "true")).decision()).isEqualTo(PolicyDecision.ALLOW);
        RequestContext iamCall = Requests.assumeRole(CALLER, keys("aws:MultiFactorAuthPresent", "false")).withAction("iam:ListRoles");
        assertThat(PolicyEvaluator.evaluate(policy, iamCall).decision()).isEqualTo(PolicyDecision.ALLOW);
    }

    @Test
    void notActionWithAllowDoesNotGrantTheListedActions() {
        PolicyDocument policy = parse("{\"Effect\":\"Allow\",\"NotAction\":\"sts:*\",\"Resource\":\"*\"}");
        assertThat(evaluate(policy, ContextKeys.empty()).decision()).isEqualTo(PolicyDecision.IMPLICIT_DENY);
    }

    @Test
    void notResourceMatchesEveryOtherResource() {
        PolicyDocument policy = parse("{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"NotResource\":\"arn:aws:iam::111122223333:role/deploy/*\"}");
        assertThat(evaluate(policy, ContextKeys.empty()).denies()).isEqualTo(Match.NO);
        RequestContext elsewhere = new RequestContext(CALLER, "sts:AssumeRole", "arn:aws:iam::111122223333:role/admin", ContextKeys.empty());
        assertThat(PolicyEvaluator.evaluate(policy, elsewhere).denies()).isEqualTo(Match.YES);
    }

    @Test
    void everyConditionIsTracedEvenAfterOneFails() {
        PolicyDocument policy = parse("""
                {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                 "Condition":{"StringEquals":{"sts:ExternalId":"secret"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}""");
        StatementTrace trace = evaluate(policy, keys("sts:ExternalId", "wrong")).statements().get(0);
        assertThat(trace.conditions()).hasSize(2);
        assertThat(trace.unmetConditions()).extracting(c -> c.condition().key())
                .containsExactly("sts:ExternalId", "aws:MultiFactorAuthPresent");
        assertThat(trace.unmetConditions().get(0).requestValue()).isEqualTo(new ContextValue.Present(java.util.List.of("wrong")));
        assertThat(trace.unmetConditions().get(1).requestValue()).isInstanceOf(ContextValue.Absent.class);
        assertThat(trace.targetsRequest()).isEqualTo(Match.YES);
    }

    @Test
    void anUnknownValueLeavesTheDecisionUndeterminedButNeverHidesAKnownFailure() {
        PolicyDocument policy = parse("""
                {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*",
                 "Condition":{"StringEquals":{"sts:ExternalId":"secret"}}}""");
        ContextKeys unknownExternalId = ContextKeys.builder().unknown("sts:ExternalId").build();
        assertThat(evaluate(policy, unknownExternalId).decision()).isEqualTo(PolicyDecision.UNDETERMINED);
        PolicyDocument wrongAction = parse("""
                {"Effect":"Allow","Action":"sts:TagSession","Resource":"*",
                 "Condition":{"StringEquals":{"sts:ExternalId":"secret"}}}""");
        assertThat(evaluate(wrongAction, unknownExternalId).decision()).isEqualTo(PolicyDecision.IMPLICIT_DENY);
    }

    @Test
    void aTrustPolicyHasNoResourceAndIsMatchedOnItsPrincipal() {
        PolicyDocument trust = parse("""
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/alice"},"Action":"sts:AssumeRole"}""");
        PolicyEvaluation evaluation = evaluate(trust, ContextKeys.empty());
        assertThat(evaluation.decision()).isEqualTo(PolicyDecision.ALLOW);
        assertThat(evaluation.statements().get(0).principal().orElseThrow().basis()).isEqualTo(PrincipalBasis.USER);
        RequestContext bob = Requests.assumeRole(RequestPrincipal.user("arn:aws:iam::444455556666:user/bob"), ContextKeys.empty());
        StatementTrace trace = PolicyEvaluator.evaluate(trust, bob).statements().get(0);
        assertThat(trace.principal().orElseThrow().match()).isEqualTo(Match.NO);
        assertThat(trace.targetsRequest()).isEqualTo(Match.NO);
    }

    private static PolicyEvaluation evaluate(PolicyDocument policy, ContextKeys keys) {
        return PolicyEvaluator.evaluate(policy, Requests.assumeRole(CALLER, keys));
    }

    private static PolicyDocument parse(String statements) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
    }
}
