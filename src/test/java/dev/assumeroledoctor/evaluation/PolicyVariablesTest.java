package dev.assumeroledoctor.evaluation;

import static dev.assumeroledoctor.evaluation.Requests.keys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;
import org.junit.jupiter.api.Test;

/** "IAM policy elements: Variables and tags". */
class PolicyVariablesTest {
    private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/alice-role";

    @Test
    void substitutesAKeyIntoAResource() {
        PolicyDocument policy = allowResource("arn:aws:iam::111122223333:role/${aws:username}-role");
        assertThat(allows(policy, keys("aws:username", "alice"))).isEqualTo(Match.YES);
        assertThat(allows(policy, keys("aws:username", "bob"))).isEqualTo(Match.NO);
    }

    @Test
    void variableNamesAreCaseInsensitive() {
        assertThat(allows(allowResource("arn:aws:iam::111122223333:role/${AWS:UserName}-role"), keys("aws:username", "alice")))
                .isEqualTo(Match.YES);
    }

    @Test
    void aMissingKeyWithoutDefaultMatchesNothing() {
        // "If AWS cannot resolve a variable this might cause the entire statement to be invalid."
        assertThat(allows(allowResource("arn:aws:iam::111122223333:role/${aws:username}-role"), ContextKeys.empty()))
                .isEqualTo(Match.NO);
    }

    @Test
    void defaultValueIsUsedWhenTheKeyIsMissing() {
        // "Specifying default values": ${aws:username, 'alice'}
        assertThat(allows(allowResource("arn:aws:iam::111122223333:role/${aws:username, 'alice'}-role"), ContextKeys.empty()))
                .isEqualTo(Match.YES);
        assertThat(allows(allowResource("arn:aws:iam::111122223333:role/${aws:username, 'alice'}-role"), keys("aws:username", "bob")))
                .isEqualTo(Match.NO);
    }

    @Test
    void tagVariables() {
        PolicyDocument policy = allowResource("arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}-role");
        assertThat(allows(policy, keys("aws:PrincipalTag/team", "alice"))).isEqualTo(Match.YES);
    }

    @Test
    void specialCharacterEscapesAreLiteral() {
        // ${*} and ${?} are the literal characters, not wildcards; ${$} is a literal $
        Substitution star = PolicyVariables.substitute("a${*}b", ContextKeys.empty(), true);
        Glob glob = ((Substitution.Resolved) star).pattern();
        assertThat(glob.matches("a*b", false)).isTrue();
        assertThat(glob.matches("axxb", false)).isFalse();
        Glob question = ((Substitution.Resolved) PolicyVariables.substitute("a${?}", ContextKeys.empty(), true)).pattern();
        assertThat(question.matches("a?", false)).isTrue();
        assertThat(question.matches("ab", false)).isFalse();
        assertThat(((Substitution.Resolved) PolicyVariables.substitute("cost${$}", ContextKeys.empty(), true)).pattern().text())
                .isEqualTo("cost$");
    }

    @Test
    void substitutedValuesAreLiteralEvenWithWildcardCharacters() {
        Glob glob = ((Substitution.Resolved) PolicyVariables.substitute("${aws:PrincipalTag/p}", keys("aws:PrincipalTag/p", "a*"), true)).pattern();
        assertThat(glob.matches("abc", false)).isFalse();
        assertThat(glob.matches("a*", false)).isTrue();
    }

    @Test
    void version2008TreatsVariablesAsLiteralText() {
        // "IAM JSON policy elements: Version": variables are not processed under 2008-10-17
        PolicyDocument old = PolicyParser.parse("""
                {"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole",
                "Resource":"arn:aws:iam::111122223333:role/${aws:username}-role"}}""");
        assertThat(allows(old, keys("aws:username", "alice"))).isEqualTo(Match.NO);
    }

    @Test
    void multivaluedKeysCannotBeVariables() {
        // "Single-valued vs. multivalued context keys": multivalued keys cannot be policy variables
        ContextKeys keys = ContextKeys.builder().put("aws:TagKeys", java.util.List.of("a", "b")).build();
        assertThat(PolicyVariables.substitute("${aws:TagKeys}", keys, true)).isInstanceOf(Substitution.Unresolvable.class);
    }

    @Test
    void unknownKeyGivesUnknownMatch() {
        ContextKeys keys = ContextKeys.builder().unknown("aws:PrincipalTag/team").build();
        assertThat(allows(allowResource("arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}-role"), keys)).isEqualTo(Match.UNKNOWN);
    }

    @Test
    void variablesInConditionValues() {
        assertThat(Requests.conditionHolds("{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\"}}",
                keys("aws:username", "alice", "sts:RoleSessionName", "alice"))).isEqualTo(Match.YES);
        assertThat(Requests.conditionHolds("{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\"}}",
                keys("aws:username", "alice", "sts:RoleSessionName", "mallory"))).isEqualTo(Match.NO);
    }

    private static PolicyDocument allowResource(String resource) {
        return PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"%s"}}""".formatted(resource));
    }

    private static Match allows(PolicyDocument policy, ContextKeys keys) {
        RequestContext request = new RequestContext(RequestPrincipal.user("arn:aws:iam::111122223333:user/alice"),
                "sts:AssumeRole", ROLE_ARN, keys);
        return PolicyEvaluator.evaluate(policy, request).allows();
    }
}
