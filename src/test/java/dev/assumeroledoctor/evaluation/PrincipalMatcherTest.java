package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.policy.PolicyParser;
import dev.assumeroledoctor.policy.PrincipalElement;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** "AWS JSON policy elements: Principal" and "…: NotPrincipal". */
class PrincipalMatcherTest {
    private static final RequestPrincipal USER = RequestPrincipal.user("arn:aws:iam::444455556666:user/alice");
    private static final RequestPrincipal SESSION =
            RequestPrincipal.roleSession("arn:aws:iam::444455556666:role/ci/deploy-role", "build-42");

    @Nested
    class AwsPrincipals {
        @Test
        void accountIdAndAccountRootArnMeanAnyPrincipalOfTheAccount() {
            // "AWS account principals": the account root ARN or the bare account id delegate to the account
            assertThat(match("{\"AWS\":\"444455556666\"}", USER).basis()).isEqualTo(PrincipalBasis.ACCOUNT);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:root\"}", SESSION).basis()).isEqualTo(PrincipalBasis.ACCOUNT);
            assertThat(match("{\"AWS\":\"arn:aws:iam::111122223333:root\"}", USER).match()).isEqualTo(Match.NO);
        }

        @Test
        void userArnNamesExactlyThatUser() {
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:user/alice\"}", USER).basis()).isEqualTo(PrincipalBasis.USER);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:user/bob\"}", USER).match()).isEqualTo(Match.NO);
        }

        @Test
        void roleArnNamesEverySessionOfTheRoleAndNeedsItsPath() {
            // "IAM role principals": a role ARN with its path; sessions of the role are matched
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:role/ci/deploy-role\"}", SESSION).basis()).isEqualTo(PrincipalBasis.ROLE);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:role/deploy-role\"}", SESSION).match()).isEqualTo(Match.NO);
        }

        @Test
        void sessionArnNamesOnlyThatSession() {
            // "Role session principals": arn:aws:sts::…:assumed-role/role-name/session-name
            assertThat(match("{\"AWS\":\"arn:aws:sts::444455556666:assumed-role/deploy-role/build-42\"}", SESSION).basis())
                    .isEqualTo(PrincipalBasis.ROLE_SESSION);
            assertThat(match("{\"AWS\":\"arn:aws:sts::444455556666:assumed-role/deploy-role/build-43\"}", SESSION).match())
                    .isEqualTo(Match.NO);
        }

        @Test
        void roleArnDoesNotNameAUserAndUserArnDoesNotNameASession() {
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:role/alice\"}", USER).match()).isEqualTo(Match.NO);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:user/ci/deploy-role\"}", SESSION).match()).isEqualTo(Match.NO);
        }

        @Test
        void uniqueIdMatchesNoLivePrincipalAndIsReportedAsDeleted() {
            // "Understanding unique IDs": after the principal is deleted the policy shows its unique
            // id; a re-created principal with the same name gets a new id and is not trusted
            PrincipalMatch m = match("{\"AWS\":[\"AIDAJQABLZS4A3QDU576Q\"]}", USER.withUniqueId("AIDAJQABLZS4A3QDU576Q"));
            assertThat(m.match()).isEqualTo(Match.NO);
            assertThat(m.deletedPrincipals()).containsExactly("AIDAJQABLZS4A3QDU576Q");
        }

        @Test
        void awsWildcardNamesEveryPrincipalFederatedAndServiceToo() {
            // "AWS JSON policy elements: Principal", anonymous principals: "Principal": "*" and
            // "Principal": {"AWS": "*"} are equivalent
            assertThat(match("{\"AWS\":\"*\"}", SESSION).basis()).isEqualTo(PrincipalBasis.ANYONE);
            RequestPrincipal oidc = RequestPrincipal.federated(PrincipalType.WEB_IDENTITY,
                    "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "repo:acme/app:ref:refs/heads/main");
            assertThat(match("{\"AWS\":\"*\"}", oidc).basis()).isEqualTo(PrincipalBasis.ANYONE);
            assertThat(match("{\"AWS\":\"*\"}", RequestPrincipal.service("ec2.amazonaws.com")).match()).isEqualTo(Match.YES);
            RequestPrincipal saml = RequestPrincipal.saml(java.util.Optional.empty(), "alice");
            assertThat(match("{\"AWS\":\"*\"}", saml).match()).isEqualTo(Match.YES);
            assertThat(PrincipalMatcher.match(new PrincipalElement(false, true, java.util.Map.of()), oidc).basis())
                    .isEqualTo(PrincipalBasis.ANYONE);
            // and a NotPrincipal {"AWS": "*"} excepts every one of them
            assertThat(PrincipalMatcher.match(new PrincipalElement(true, false, java.util.Map.of(
                    dev.assumeroledoctor.policy.PrincipalKind.AWS, java.util.List.of("*"))), oidc).match()).isEqualTo(Match.NO);
        }

        @Test
        void theMostSpecificEntryOfOneElementDecidesTheBasis() {
            // the account root and the user's own ARN in one Principal: AWS grants through the user's ARN
            // ("Policy evaluation for requests within a single account"), which needs no identity allow
            String user = "arn:aws:iam::111122223333:user/alice";
            PrincipalMatch m = match("{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"" + user + "\"]}", RequestPrincipal.user(user));
            assertThat(m.basis()).isEqualTo(PrincipalBasis.USER);
            assertThat(m.namedBy()).contains(user);
        }

        @Test
        void aSamlCallerWhoseProviderIsNotRecordedMayBeAnySamlProviderTheStatementNames() {
            // CloudTrail's userIdentity.identityProvider for SAMLUser is the assertion's name qualifier
            RequestPrincipal saml = RequestPrincipal.saml(java.util.Optional.empty(), "alice");
            assertThat(match("{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/Okta\"}", saml).match()).isEqualTo(Match.UNKNOWN);
            assertThat(match("{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/x.example\"}", saml).match()).isEqualTo(Match.NO);
            RequestPrincipal known = RequestPrincipal.saml(java.util.Optional.of("arn:aws:iam::111122223333:saml-provider/Okta"), "alice");
            assertThat(match("{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/Okta\"}", known).match()).isEqualTo(Match.YES);
            assertThat(match("{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/Other\"}", known).match()).isEqualTo(Match.NO);
        }
    }

    @Nested
    class CallerKnownOnlyByAccount {
        private final RequestPrincipal hidden = RequestPrincipal.inAccount("aws", "444455556666");

        @Test
        void aPrincipalOfItsAccountMayOrMayNotBeTheCaller() {
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:user/alice\"}", hidden).match()).isEqualTo(Match.UNKNOWN);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:root\"}", hidden).match()).isEqualTo(Match.YES);
            assertThat(match("{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}", hidden).match()).isEqualTo(Match.NO);
        }
    }

    @Nested
    class ServiceAndFederated {
        @Test
        void servicePrincipal() {
            RequestPrincipal ec2 = RequestPrincipal.service("ec2.amazonaws.com");
            assertThat(match("{\"Service\":[\"lambda.amazonaws.com\",\"ec2.amazonaws.com\"]}", ec2).basis()).isEqualTo(PrincipalBasis.SERVICE);
            assertThat(match("{\"Service\":\"lambda.amazonaws.com\"}", ec2).match()).isEqualTo(Match.NO);
            assertThat(match("{\"AWS\":\"arn:aws:iam::444455556666:root\"}", ec2).match()).isEqualTo(Match.NO);
        }

        @Test
        void federatedPrincipalNamesTheIdentityProvider() {
            String provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
            RequestPrincipal oidc = RequestPrincipal.federated(PrincipalType.WEB_IDENTITY, provider, "repo:acme/app:ref:refs/heads/main");
            assertThat(match("{\"Federated\":\"" + provider + "\"}", oidc).basis()).isEqualTo(PrincipalBasis.FEDERATED_PROVIDER);
            assertThat(match("{\"Federated\":\"accounts.google.com\"}", oidc).match()).isEqualTo(Match.NO);
            // a Service or AWS principal never names a federated caller
            assertThat(match("{\"Service\":\"" + provider + "\"}", oidc).match()).isEqualTo(Match.NO);
        }

        @Test
        void canonicalUserNamesNoStsCaller() {
            assertThat(match("{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"}", USER).match())
                    .isEqualTo(Match.NO);
        }
    }

    @Nested
    class NotPrincipal {
        @Test
        void appliesToEveryoneNotListed() {
            assertThat(notMatch("{\"AWS\":[\"arn:aws:iam::444455556666:user/bob\",\"arn:aws:iam::444455556666:root\"]}", USER).basis())
                    .isEqualTo(PrincipalBasis.NOT_EXCEPTED);
        }

        @Test
        void userIsExceptedOnlyWhenItsAccountIsListedToo() {
            // "When you use NotPrincipal, you must also specify the account ARN of the not-denied
            // principal. Otherwise, the policy might deny access to the entire account."
            assertThat(notMatch("{\"AWS\":\"arn:aws:iam::444455556666:user/alice\"}", USER).match()).isEqualTo(Match.YES);
            assertThat(notMatch("{\"AWS\":[\"arn:aws:iam::444455556666:user/alice\",\"arn:aws:iam::444455556666:root\"]}", USER).match())
                    .isEqualTo(Match.NO);
        }

        @Test
        void roleSessionIsExceptedByItsRoleAndAccount() {
            // "AWS verifies the account first, then the role, and then the assumed-role user"
            assertThat(notMatch("{\"AWS\":[\"arn:aws:iam::444455556666:role/ci/deploy-role\"]}", SESSION).match()).isEqualTo(Match.YES);
            assertThat(notMatch("{\"AWS\":[\"arn:aws:iam::444455556666:role/ci/deploy-role\",\"444455556666\"]}", SESSION).match())
                    .isEqualTo(Match.NO);
        }

        @Test
        void notPrincipalStarExceptsEveryone() {
            assertThat(PrincipalMatcher.match(new PrincipalElement(true, true, java.util.Map.of()), USER).match()).isEqualTo(Match.NO);
        }
    }

    private static PrincipalMatch match(String principalJson, RequestPrincipal caller) {
        return PrincipalMatcher.match(principal("Principal", principalJson), caller);
    }

    private static PrincipalMatch notMatch(String principalJson, RequestPrincipal caller) {
        return PrincipalMatcher.match(principal("NotPrincipal", principalJson), caller);
    }

    private static PrincipalElement principal(String element, String json) {
        return PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"" + element + "\":" + json
                + ",\"Action\":\"sts:AssumeRole\"}}").statements().get(0).principal().orElseThrow();
    }
}
