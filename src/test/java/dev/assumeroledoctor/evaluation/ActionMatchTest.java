package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.policy.ElementValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "IAM JSON policy elements: Action" and "…: NotAction". */
class ActionMatchTest {
    @Test
    void actionNamesAreCaseInsensitive() {
        // "Action": "The prefix and the action name are case insensitive."
        ElementMatch match = PolicyEvaluator.actionMatch(new ElementValues(false, List.of("STS:assumerole")), "sts:AssumeRole");
        assertThat(match.match()).isEqualTo(Match.YES);
        assertThat(match.pattern()).contains("STS:assumerole");
    }

    @Test
    void multiCharacterAndSingleCharacterWildcards() {
        assertThat(PolicyEvaluator.actionMatch(new ElementValues(false, List.of("sts:Assume*")), "sts:AssumeRoleWithSAML").match())
                .isEqualTo(Match.YES);
        assertThat(PolicyEvaluator.actionMatch(new ElementValues(false, List.of("sts:?ssumeRole")), "sts:AssumeRole").match())
                .isEqualTo(Match.YES);
        assertThat(PolicyEvaluator.actionMatch(new ElementValues(false, List.of("sts:?AssumeRole")), "sts:AssumeRole").match())
                .isEqualTo(Match.NO);
    }

    @Test
    void assumeRoleDoesNotCoverItsWebIdentityAndSamlSiblingsExactly() {
        assertThat(PolicyEvaluator.actionMatch(new ElementValues(false, List.of("sts:AssumeRole")), "sts:AssumeRoleWithWebIdentity").match())
                .isEqualTo(Match.NO);
    }

    @Test
    void notActionMatchesEveryActionExceptThoseListed() {
        ElementValues notAction = new ElementValues(true, List.of("iam:*", "organizations:*"));
        assertThat(PolicyEvaluator.actionMatch(notAction, "sts:AssumeRole").match()).isEqualTo(Match.YES);
        ElementMatch excluded = PolicyEvaluator.actionMatch(notAction, "iam:CreateUser");
        assertThat(excluded.match()).isEqualTo(Match.NO);
        assertThat(excluded.pattern()).contains("iam:*");
    }
}
