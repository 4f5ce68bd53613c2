package dev.assumeroledoctor.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** "IAM JSON policy element reference" and "Grammar of the IAM JSON policy language". */
class PolicyParserTest {

    @Test
    void statementMayBeAnObjectOrAnArray() {
        PolicyDocument single = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        PolicyDocument array = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        assertThat(single.statements()).hasSize(1);
        assertThat(array.statements()).hasSize(1);
    }

    @Test
    void missingVersionMeansTheLegacy2008Version() {
        // "IAM JSON policy elements: Version": without a Version element, 2008-10-17 applies
        PolicyDocument policy = PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        assertThat(policy.version()).isEqualTo(PolicyDocument.VERSION_2008);
        assertThat(policy.substitutesVariables()).isFalse();
    }

    @Test
    void readsEveryElement() {
        PolicyDocument policy = PolicyParser.parse("""
                {"Version":"2012-10-17","Id":"trust","Statement":[{"Sid":"A","Effect":"Deny",
                 "NotPrincipal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/r"],"Service":"ec2.amazonaws.com"},
                 "NotAction":"sts:TagSession","NotResource":["arn:aws:iam::*:role/x"],
                 "Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a","b"]},"Bool":{"aws:SecureTransport":false}}}]}""");
        Statement s = policy.statements().get(0);
        assertThat(policy.id()).contains("trust");
        assertThat(s.sid()).contains("A");
        assertThat(s.effect()).isEqualTo(Effect.DENY);
        PrincipalElement principal = s.principal().orElseThrow();
        assertThat(principal.negated()).isTrue();
        assertThat(principal.valuesOf(PrincipalKind.AWS)).containsExactly("111122223333", "arn:aws:iam::111122223333:role/r");
        assertThat(principal.valuesOf(PrincipalKind.SERVICE)).containsExactly("ec2.amazonaws.com");
        assertThat(s.actions()).isEqualTo(new ElementValues(true, List.of("sts:TagSession")));
        assertThat(s.resources()).contains(new ElementValues(true, List.of("arn:aws:iam::*:role/x")));
        assertThat(s.conditions()).hasSize(2);
        Condition set = s.conditions().get(0);
        assertThat(set.operator()).isEqualTo(new ConditionOperator(SetQualifier.FOR_ANY_VALUE, BaseOperator.STRING_LIKE, true));
        assertThat(set.operator().text()).isEqualTo("ForAnyValue:StringLikeIfExists");
        assertThat(s.conditions().get(1).values()).containsExactly("false");
    }

    @Test
    void principalStar() {
        PolicyDocument policy = PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}}");
        assertThat(policy.statements().get(0).principal().orElseThrow().anyone()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|STRING_EQUALS|NONE|false",
            "stringequals|STRING_EQUALS|NONE|false",
            "ForAllValues:StringNotEqualsIgnoreCase|STRING_NOT_EQUALS_IGNORE_CASE|FOR_ALL_VALUES|false",
            "NumericLessThanEqualsIfExists|NUMERIC_LESS_THAN_EQUALS|NONE|true",
            "DateGreaterThan|DATE_GREATER_THAN|NONE|false",
            "BinaryEquals|BINARY_EQUALS|NONE|false",
            "NotIpAddressIfExists|NOT_IP_ADDRESS|NONE|true",
            "ArnNotLike|ARN_NOT_LIKE|NONE|false",
            "Null|NULL|NONE|false",
    })
    void parsesEveryOperatorForm(String text, BaseOperator base, SetQualifier qualifier, boolean ifExists) {
        assertThat(ConditionOperator.parse(text)).contains(new ConditionOperator(qualifier, base, ifExists));
    }

    @Test
    void rejectsUnknownOperatorsAndNullIfExists() {
        assertThat(ConditionOperator.parse("StringSortOf")).isEmpty();
        assertThat(ConditionOperator.parse("NullIfExists")).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"},{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"StringEqual\":{\"a\":\"b\"}}}]}|Statement[1].Condition.StringEqual: unknown condition operator",
            "{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\"}]}|Statement[0].Effect: must be \"Allow\" or \"Deny\", not \"allow\"",
            "{\"Statement\":[{\"Effect\":\"Allow\"}]}|Statement[0]: needs Action or NotAction",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"*\"}]}|Statement[0]: has both Action and NotAction",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":\"x\",\"NotPrincipal\":\"*\"}]}|Statement[0]: has both Principal and NotPrincipal",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":{\"Aws\":\"*\"}}}|Statement.Principal.Aws: unknown principal type; expected AWS, Service, Federated or CanonicalUser",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":\"111122223333\"}}|Statement.Principal: a string principal must be \"*\"; name others as {\"AWS\": …}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[]}}|Statement.Action: must be a string or a non-empty array of strings",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",3]}}|Statement.Action[1]: must be a string",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":null}}}}|Statement.Condition.StringEquals.k: a condition value must be a string, number or boolean",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":[\"a\",{}]}}}}|Statement.Condition.StringEquals.k[1]: a condition value must be a string, number or boolean",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"StringEquals\":\"k\"}}}|Statement.Condition.StringEquals: must be a non-empty map of condition keys to values",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resources\":\"*\"}}|Statement.Resources: is not an element IAM accepts here",
            "{\"Version\":\"2012-10-18\",\"Statement\":[]}|Version: must be 2012-10-17 or 2008-10-17, not \"2012-10-18\"",
            "{\"Version\":\"2012-10-17\"}|Statement: is required",
            "{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}|Statement: must be an object or an array of objects",
            "[1,2]|a policy document must be a JSON object",
    })
    void invalidDocumentsNameThePlace(String json, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(json))
                .isInstanceOf(PolicyParseException.class)
                .hasMessage(message);
    }

    @Test
    void notJsonIsAClearError() {
        assertThatThrownBy(() -> PolicyParser.parse("{\"Statement\": ["))
                .isInstanceOf(PolicyParseException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> PolicyParser.parse("  "))
                .isInstanceOf(PolicyParseException.class)
                .hasMessage("the policy document is empty");
    }

    @Test
    void aJsonStringHoldingADocumentIsParsedAsTheDocument() {
        // the snapshot format allows documents as JSON strings (URL-encoded or not)
        PolicyDocument policy = PolicyParser.parse(dev.assumeroledoctor.json.Json.mapper().getNodeFactory()
                .textNode("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
        assertThat(policy.statements()).hasSize(1);
    }

    @Test
    void percentDecodingKeepsPlusSigns() {
        assertThat(PolicyText.decodeIfEncoded("%7B%22a%22%3A%22x+y%20z%22%7D")).isEqualTo("{\"a\":\"x+y z\"}");
        assertThat(PolicyText.decodeIfEncoded("%7B%22a%22%3A%22%C3%A9%22%7D")).isEqualTo("{\"a\":\"é\"}");
    }
}
