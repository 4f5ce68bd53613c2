package dev.assumeroledoctor.evaluation;

import static dev.assumeroledoctor.evaluation.Requests.conditionHolds;
import static dev.assumeroledoctor.evaluation.Requests.keys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator family of "IAM JSON policy elements: Condition operators". */
class ConditionOperatorsTest {

    @Nested
    class StringOperators {
        @Test
        void stringEqualsIsCaseSensitiveOnValues() {
            // "StringEquals: Exact matching, case sensitive"
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:ExternalId\":\"Abc\"}}", keys("sts:ExternalId", "Abc"))).isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:ExternalId\":\"Abc\"}}", keys("sts:ExternalId", "abc"))).isEqualTo(Match.NO);
        }

        @Test
        void conditionKeyNamesAreCaseInsensitive() {
            // "IAM JSON policy elements: Condition": condition key names are not case-sensitive
            assertThat(conditionHolds("{\"StringEquals\":{\"STS:EXTERNALID\":\"Abc\"}}", keys("sts:ExternalId", "Abc"))).isEqualTo(Match.YES);
        }

        @Test
        void ignoreCaseVariants() {
            assertThat(conditionHolds("{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/team\":\"PLATFORM\"}}",
                    keys("aws:PrincipalTag/team", "platform"))).isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalTag/team\":\"PLATFORM\"}}",
                    keys("aws:PrincipalTag/team", "platform"))).isEqualTo(Match.NO);
        }

        @Test
        void stringEqualsTreatsWildcardsLiterally() {
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:RoleSessionName\":\"ci-*\"}}", keys("sts:RoleSessionName", "ci-42")))
                    .isEqualTo(Match.NO);
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:RoleSessionName\":\"ci-*\"}}", keys("sts:RoleSessionName", "ci-*")))
                    .isEqualTo(Match.YES);
        }

        @Test
        void stringLikeTakesWildcardsCaseSensitively() {
            assertThat(conditionHolds("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/app:ref:refs/heads/*\"}}",
                    keys("token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main"))).isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:acme/app:ref:refs/heads/*\"}}",
                    keys("token.actions.githubusercontent.com:sub", "repo:acme/app:environment:prod"))).isEqualTo(Match.NO);
            assertThat(conditionHolds("{\"StringLike\":{\"aws:PrincipalTag/team\":\"Plat*\"}}", keys("aws:PrincipalTag/team", "platform")))
                    .isEqualTo(Match.NO);
        }

        @Test
        void severalValuesForOneKeyAreOred() {
            // "Creating a condition with multiple context keys or values": values of one key are OR-ed
            String block = "{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"blue\",\"green\"]}}";
            assertThat(conditionHolds(block, keys("aws:PrincipalTag/team", "green"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, keys("aws:PrincipalTag/team", "red"))).isEqualTo(Match.NO);
        }

        @Test
        void severalKeysAndOperatorsAreAnded() {
            String block = "{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\",\"aws:PrincipalTag/env\":\"prod\"},"
                    + "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}";
            assertThat(conditionHolds(block, keys("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "prod",
                    "aws:MultiFactorAuthPresent", "true"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, keys("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "dev",
                    "aws:MultiFactorAuthPresent", "true"))).isEqualTo(Match.NO);
        }

        @Test
        void negatedOperatorHoldsOnlyWhenNoValueMatches() {
            // StringNotEquals with several values: the request value must equal none of them
            String block = "{\"StringNotEquals\":{\"aws:PrincipalAccount\":[\"111122223333\",\"444455556666\"]}}";
            assertThat(conditionHolds(block, keys("aws:PrincipalAccount", "444455556666"))).isEqualTo(Match.NO);
            assertThat(conditionHolds(block, keys("aws:PrincipalAccount", "999999999999"))).isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"StringNotLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/admin-*\"}}",
                    keys("aws:PrincipalArn", "arn:aws:iam::1:role/admin-x"))).isEqualTo(Match.NO);
        }
    }

    @Nested
    class MissingKeys {
        @Test
        void positiveOperatorWithMissingKeyIsFalse() {
            // "If the key that you specify in a policy condition is not present in the request
            // context, the values do not match and the condition is false."
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:ExternalId\":\"x\"}}", ContextKeys.empty())).isEqualTo(Match.NO);
            assertThat(conditionHolds("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}", ContextKeys.empty())).isEqualTo(Match.NO);
        }

        @ParameterizedTest(name = "{0} with a missing key holds")
        @CsvSource({"StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase", "ArnNotLike", "ArnNotEquals",
                "NumericNotEquals", "DateNotEquals", "NotIpAddress"})
        void negatedOperatorWithMissingKeyIsTrue(String operator) {
            // "If the policy condition requires that the key is not matched, such as StringNotLike
            // or ArnNotLike, and the right key is not present, the condition is true."
            assertThat(conditionHolds("{\"" + operator + "\":{\"aws:SomeKey\":\"1.2.3.4\"}}", ContextKeys.empty())).isEqualTo(Match.YES);
        }

        @Test
        void ifExistsHoldsWhenTheKeyIsMissingAndComparesWhenPresent() {
            // "…IfExists: If the key is not present in the request context, evaluate the condition as true."
            String block = "{\"StringEqualsIfExists\":{\"aws:PrincipalTag/team\":\"blue\"}}";
            assertThat(conditionHolds(block, ContextKeys.empty())).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, keys("aws:PrincipalTag/team", "red"))).isEqualTo(Match.NO);
            assertThat(conditionHolds("{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}", ContextKeys.empty()))
                    .isEqualTo(Match.YES);
        }

        @Test
        void nullCheck() {
            // "Null condition operator: true if the key is absent when the value is true, and present when false"
            assertThat(conditionHolds("{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", ContextKeys.empty())).isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", keys("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
                    .isEqualTo(Match.NO);
            assertThat(conditionHolds("{\"Null\":{\"aws:TokenIssueTime\":false}}", keys("aws:TokenIssueTime", "2024-01-01T00:00:00Z")))
                    .isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}", ContextKeys.empty())).isEqualTo(Match.NO);
        }

        @Test
        void unknownKeyMakesTheConditionUnknownWhateverTheOperator() {
            ContextKeys unknown = ContextKeys.builder().unknown("sts:ExternalId").build();
            assertThat(conditionHolds("{\"StringEquals\":{\"sts:ExternalId\":\"x\"}}", unknown)).isEqualTo(Match.UNKNOWN);
            assertThat(conditionHolds("{\"StringNotEquals\":{\"sts:ExternalId\":\"x\"}}", unknown)).isEqualTo(Match.UNKNOWN);
            assertThat(conditionHolds("{\"Null\":{\"sts:ExternalId\":\"false\"}}", unknown)).isEqualTo(Match.UNKNOWN);
            assertThat(conditionHolds("{\"StringEqualsIfExists\":{\"sts:ExternalId\":\"x\"}}", unknown)).isEqualTo(Match.UNKNOWN);
        }

        @Test
        void unknownPrefixCoversEveryTagKeyButExplicitKeysWin() {
            ContextKeys keys = ContextKeys.builder().unknownPrefix("aws:RequestTag/").put("aws:RequestTag/known", "v").build();
            assertThat(conditionHolds("{\"StringEquals\":{\"aws:RequestTag/team\":\"x\"}}", keys)).isEqualTo(Match.UNKNOWN);
            assertThat(conditionHolds("{\"StringEquals\":{\"aws:RequestTag/known\":\"v\"}}", keys)).isEqualTo(Match.YES);
        }
    }

    @Nested
    class SetQualifiers {
        // "Single-valued vs. multivalued context keys": set operators on aws:TagKeys

        @Test
        void forAllValuesRequiresEveryRequestValueToMatch() {
            String block = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"team\",\"env\"]}}";
            assertThat(conditionHolds(block, tagKeys("team"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, tagKeys("team", "env"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, tagKeys("team", "owner"))).isEqualTo(Match.NO);
        }

        @Test
        void forAllValuesWithMissingOrEmptyKeyIsTrue() {
            // "It also returns true if there are no context keys in the request."
            String block = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"team\"}}";
            assertThat(conditionHolds(block, ContextKeys.empty())).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, tagKeys())).isEqualTo(Match.YES);
        }

        @Test
        void forAnyValueNeedsOneMatchingValueAndIsFalseWhenMissing() {
            String block = "{\"ForAnyValue:StringLike\":{\"aws:TagKeys\":\"cost*\"}}";
            assertThat(conditionHolds(block, tagKeys("team", "costcenter"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(block, tagKeys("team"))).isEqualTo(Match.NO);
            assertThat(conditionHolds(block, ContextKeys.empty())).isEqualTo(Match.NO);
        }

        @Test
        void negatedOperatorsUnderSetQualifiers() {
            // ForAllValues:StringNotEquals: no request value may be one of the listed values
            String all = "{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"admin\"]}}";
            assertThat(conditionHolds(all, tagKeys("team", "env"))).isEqualTo(Match.YES);
            assertThat(conditionHolds(all, tagKeys("team", "admin"))).isEqualTo(Match.NO);
            // ForAnyValue:StringNotEquals: some request value is not a listed value
            String any = "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"team\"]}}";
            assertThat(conditionHolds(any, tagKeys("team"))).isEqualTo(Match.NO);
            assertThat(conditionHolds(any, tagKeys("team", "env"))).isEqualTo(Match.YES);
        }

        @Test
        void setQualifierWithIfExists() {
            String block = "{\"ForAnyValue:StringEqualsIfExists\":{\"aws:TagKeys\":\"team\"}}";
            assertThat(conditionHolds(block, ContextKeys.empty())).isEqualTo(Match.YES);
        }

        private ContextKeys tagKeys(String... values) {
            return ContextKeys.builder().put("aws:TagKeys", List.of(values)).build();
        }
    }

    @Nested
    class OtherFamilies {
        @ParameterizedTest(name = "{0} {1} vs {2} = {3}")
        @CsvSource({
                "NumericLessThanEquals, 3600, 3600, true",
                "NumericLessThan, 3600, 3600, false",
                "NumericLessThan, 3600, 120, true",
                "NumericGreaterThan, 900, 3600, true",
                "NumericGreaterThanEquals, 900, 900, true",
                "NumericEquals, 10, 10.0, true",
                "NumericNotEquals, 10, 11, true",
                "NumericEquals, 10, ten, false",
        })
        void numericOperators(String operator, String policyValue, String requestValue, boolean expected) {
            assertThat(conditionHolds("{\"" + operator + "\":{\"aws:MultiFactorAuthAge\":\"" + policyValue + "\"}}",
                    keys("aws:MultiFactorAuthAge", requestValue))).isEqualTo(Match.of(expected));
        }

        @Test
        void numericValuesMayBeWrittenAsJsonNumbers() {
            assertThat(conditionHolds("{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}", keys("aws:MultiFactorAuthAge", "60")))
                    .isEqualTo(Match.YES);
        }

        @ParameterizedTest(name = "{0} {1} vs {2} = {3}")
        @CsvSource({
                "DateLessThan, 2025-01-01T00:00:00Z, 2024-12-31T23:59:59Z, true",
                "DateLessThan, 2025-01-01T00:00:00Z, 2025-01-01T00:00:00Z, false",
                "DateLessThanEquals, 2025-01-01T00:00:00Z, 2025-01-01T00:00:00Z, true",
                "DateGreaterThan, 2025-01-01, 2025-01-01T00:00:01Z, true",
                "DateGreaterThanEquals, 1735689600, 2025-01-01T00:00:00Z, true",
                "DateEquals, 2025-01-01T01:00:00+01:00, 2025-01-01T00:00:00Z, true",
                "DateNotEquals, 2025-01-01T00:00:00Z, 2025-01-02T00:00:00.000Z, true",
                "DateLessThan, 2025-01-01T00:00:00Z, not-a-date, false",
        })
        void dateOperatorsReadIso8601AndEpoch(String operator, String policyValue, String requestValue, boolean expected) {
            // "Date condition operators … ISO 8601 date formats or POSIX epoch time"
            assertThat(conditionHolds("{\"" + operator + "\":{\"aws:CurrentTime\":\"" + policyValue + "\"}}",
                    keys("aws:CurrentTime", requestValue))).isEqualTo(Match.of(expected));
        }

        @Test
        void boolAcceptsStringsAndJsonBooleans() {
            assertThat(conditionHolds("{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}", keys("aws:MultiFactorAuthPresent", "true")))
                    .isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"Bool\":{\"aws:MultiFactorAuthPresent\":true}}", keys("aws:MultiFactorAuthPresent", "false")))
                    .isEqualTo(Match.NO);
            // MFA absent (long-term keys): Bool true fails, BoolIfExists false holds
            assertThat(conditionHolds("{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}", ContextKeys.empty())).isEqualTo(Match.NO);
        }

        @Test
        void binaryEqualsComparesDecodedBytes() {
            assertThat(conditionHolds("{\"BinaryEquals\":{\"aws:Blob\":\"QmluYXJ5VmFsdWU=\"}}", keys("aws:Blob", "QmluYXJ5VmFsdWU=")))
                    .isEqualTo(Match.YES);
            assertThat(conditionHolds("{\"BinaryEquals\":{\"aws:Blob\":\"QmluYXJ5VmFsdWU=\"}}", keys("aws:Blob", "T3RoZXI=")))
                    .isEqualTo(Match.NO);
        }

        @ParameterizedTest(name = "{0} {1} contains {2} = {3}")
        @CsvSource({
                "IpAddress, 203.0.113.0/24, 203.0.113.77, true",
                "IpAddress, 203.0.113.0/24, 203.0.114.1, false",
                "IpAddress, 203.0.113.5, 203.0.113.5, true",
                "IpAddress, 10.0.0.0/8, 10.255.1.1, true",
                "IpAddress, 2001:DB8:1234:5678::/64, 2001:db8:1234:5678::42, true",
                "IpAddress, 2001:DB8:1234:5678::/64, 2001:db8:1234:5679::42, false",
                "NotIpAddress, 203.0.113.0/24, 198.51.100.1, true",
                "NotIpAddress, 203.0.113.0/24, 203.0.113.1, false",
                // a call made by a service on the caller's behalf carries a service name, not an address
                "IpAddress, 0.0.0.0/0, ec2.amazonaws.com, false",
        })
        void ipAddressOperatorsTakeIpv4AndIpv6Cidrs(String operator, String cidr, String sourceIp, boolean expected) {
            assertThat(conditionHolds("{\"" + operator + "\":{\"aws:SourceIp\":\"" + cidr + "\"}}", keys("aws:SourceIp", sourceIp)))
                    .isEqualTo(Match.of(expected));
        }

        @ParameterizedTest(name = "{0} {1} vs {2} = {3}")
        @CsvSource({
                "ArnLike, arn:aws:iam::111122223333:role/pipeline-*, arn:aws:iam::111122223333:role/pipeline-build, true",
                "ArnLike, arn:aws:iam::111122223333:role/pipeline-*, arn:aws:iam::111122223333:role/deploy-role, false",
                "ArnEquals, arn:aws:iam::*:role/deploy-role, arn:aws:iam::111122223333:role/deploy-role, true",
                "ArnNotLike, arn:aws:iam::111122223333:role/pipeline-*, arn:aws:iam::111122223333:role/deploy-role, true",
                "ArnNotEquals, arn:aws:iam::111122223333:role/deploy-role, arn:aws:iam::111122223333:role/deploy-role, false",
                "ArnLike, arn:aws:iam::111122223333:role/Deploy-*, arn:aws:iam::111122223333:role/deploy-role, false",
        })
        void arnOperators(String operator, String pattern, String principalArn, boolean expected) {
            assertThat(conditionHolds("{\"" + operator + "\":{\"aws:PrincipalArn\":\"" + pattern + "\"}}", keys("aws:PrincipalArn", principalArn)))
                    .isEqualTo(Match.of(expected));
        }
    }
}
