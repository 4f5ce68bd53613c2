package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.policy.PolicyParser;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The same-account / cross-account matrix of "Cross-account policy evaluation logic" and "How AWS
 * enforcement code logic evaluates requests to allow or deny access" (resource-based policies,
 * permissions boundaries, SCPs, RCPs) for sts:AssumeRole.
 */
class AssumeRoleAuthorizerTest {
    private static final String A = "111111111111";
    private static final String B = "222222222222";
    private static final String ROLE_IN_A = "arn:aws:iam::" + A + ":role/target";
    private static final String ROLE_IN_B = "arn:aws:iam::" + B + ":role/target";
    private static final String USER_IN_A = "arn:aws:iam::" + A + ":user/alice";
    private static final String CALLER_ROLE_IN_A = "arn:aws:iam::" + A + ":role/ci/builder";
    private static final String ALLOW_ASSUME_ANY = "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}";
    private static final String ALLOW_S3_ONLY = "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}";

    @Nested
    class SameAccount {
        @Test
        void trustNamingTheUserArnIsEnoughWithoutAnyIdentityPolicy() {
            assertThat(allowed(user(ROLE_IN_A), trust(USER_IN_A), List.of(), Optional.empty())).isEqualTo(Match.YES);
        }

        @Test
        void aBoundaryDoesNotLimitATrustGrantToTheUserArn() {
            // "Within an account, permissions boundaries do not reduce the permissions granted by resource-based policies"
            assertThat(allowed(user(ROLE_IN_A), trust(USER_IN_A), List.of(), Optional.of(ALLOW_S3_ONLY))).isEqualTo(Match.YES);
        }

        @Test
        void trustNamingOnlyTheAccountNeedsAnIdentityAllowWithinTheBoundary() {
            assertThat(allowed(user(ROLE_IN_A), trust(A), List.of(), Optional.empty())).isEqualTo(Match.NO);
            assertThat(allowed(user(ROLE_IN_A), trust(A), List.of(ALLOW_ASSUME_ANY), Optional.empty())).isEqualTo(Match.YES);
            assertThat(allowed(user(ROLE_IN_A), trust(A), List.of(ALLOW_ASSUME_ANY), Optional.of(ALLOW_S3_ONLY))).isEqualTo(Match.NO);
        }

        @Test
        void trustNamingTheRoleArnOfASessionIsLimitedByTheBoundaryNotByIdentityPolicies() {
            RequestContext session = session(ROLE_IN_A);
            assertThat(allowed(session, trust(CALLER_ROLE_IN_A), List.of(), Optional.empty())).isEqualTo(Match.YES);
            assertThat(allowed(session, trust(CALLER_ROLE_IN_A), List.of(), Optional.of(ALLOW_S3_ONLY))).isEqualTo(Match.NO);
        }

        @Test
        void trustNamingTheSessionArnIsEnoughEvenWithABoundary() {
            String sessionArn = "arn:aws:sts::" + A + ":assumed-role/builder/run-1";
            assertThat(allowed(session(ROLE_IN_A), trust(sessionArn), List.of(), Optional.of(ALLOW_S3_ONLY))).isEqualTo(Match.YES);
        }

        @Test
        void anUnseenSessionPolicyLeavesARoleArnGrantUndetermined() {
            PolicySet policies = policies(trust(CALLER_ROLE_IN_A), List.of(), Optional.empty());
            PolicySet withUnknownSession = new PolicySet(policies.trust(), List.of(), false, Optional.empty(), Optional.empty(), true,
                    List.of(), List.of());
            assertThat(AssumeRoleAuthorizer.authorize(session(ROLE_IN_A), withUnknownSession).allowed()).isEqualTo(Match.UNKNOWN);
        }

        @Test
        void anExplicitDenyInAnIdentityPolicyBeatsADirectTrustGrant() {
            String deny = "{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}";
            ActionAuthorization result = AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), policies(trust(USER_IN_A), List.of(deny), Optional.empty()));
            assertThat(result.allowed()).isEqualTo(Match.NO);
            assertThat(result.explicitDeny()).isEqualTo(Match.YES);
        }
    }

    @Nested
    class CrossAccount {
        @Test
        void trustNamingTheUserIsNotEnoughWithoutAnIdentityAllow() {
            // "Cross-account policy evaluation logic": both accounts must allow
            RequestContext request = user(ROLE_IN_B);
            assertThat(allowed(request, trust(USER_IN_A), List.of(), Optional.empty())).isEqualTo(Match.NO);
            assertThat(allowed(request, trust(USER_IN_A), List.of(ALLOW_ASSUME_ANY), Optional.empty())).isEqualTo(Match.YES);
        }

        @Test
        void theCallersBoundaryLimitsCrossAccountAccess() {
            assertThat(allowed(user(ROLE_IN_B), trust(USER_IN_A), List.of(ALLOW_ASSUME_ANY), Optional.of(ALLOW_S3_ONLY))).isEqualTo(Match.NO);
        }

        @Test
        void trustNamingTheCallersAccountWithAnIdentityAllow() {
            assertThat(allowed(user(ROLE_IN_B), trust("arn:aws:iam::" + A + ":root"), List.of(ALLOW_ASSUME_ANY), Optional.empty()))
                    .isEqualTo(Match.YES);
        }

        @Test
        void anIdentityAllowScopedToAnotherRoleDoesNotCount() {
            String otherRole = "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + B + ":role/other\"}";
            ActionAuthorization result = AssumeRoleAuthorizer.authorize(user(ROLE_IN_B), policies(trust(A), List.of(otherRole), Optional.empty()));
            assertThat(result.allowed()).isEqualTo(Match.NO);
            assertThat(result.identityRequired()).isEqualTo(Match.YES);
            assertThat(result.identityAllows()).isEqualTo(Match.NO);
        }
    }

    @Nested
    class Organizations {
        @Test
        void everyScpLevelMustAllow() {
            // "SCP evaluation": an allow is needed at the root, every OU and the account
            PolicySet base = policies(trust(USER_IN_A), List.of(), Optional.empty());
            PolicySet missingAtOu = base.withOrganizationLevels(List.of(level("r-1", ALLOW_ASSUME_ANY), level("ou-1", ALLOW_S3_ONLY),
                    level(A, ALLOW_ASSUME_ANY)), List.of());
            ActionAuthorization result = AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), missingAtOu);
            assertThat(result.allowed()).isEqualTo(Match.NO);
            assertThat(result.scp().get(1).allows()).isEqualTo(Match.NO);
            PolicySet allLevels = base.withOrganizationLevels(List.of(level("r-1", ALLOW_ASSUME_ANY), level(A, ALLOW_ASSUME_ANY)), List.of());
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), allLevels).allowed()).isEqualTo(Match.YES);
        }

        /*
         * SCPs in the full IAM policy language: since September 2025 an SCP's Allow statements may carry
         * conditions and NotAction, statements may use NotResource, and wildcards may stand anywhere in
         * a string ("AWS Organizations now supports full IAM policy language for service control
         * policies", AWS What's New, 2025-09-19). Each is evaluated as in any other policy.
         */
        @Test
        void anScpAllowWithAConditionAllowsOnlyWhereItHolds() {
            String regional = "{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":\"eu-west-1\"}}}";
            PolicySet policies = policies(trust(USER_IN_A), List.of(), Optional.empty())
                    .withOrganizationLevels(List.of(level("r-1", regional), level(A, ALLOW_ASSUME_ANY)), List.of());
            RequestContext inRegion = user(ROLE_IN_A).withKeys(ContextKeys.builder().put("aws:RequestedRegion", "eu-west-1").build());
            RequestContext elsewhere = user(ROLE_IN_A).withKeys(ContextKeys.builder().put("aws:RequestedRegion", "us-east-1").build());
            assertThat(AssumeRoleAuthorizer.authorize(inRegion, policies).allowed()).isEqualTo(Match.YES);
            assertThat(AssumeRoleAuthorizer.authorize(elsewhere, policies).allowed()).isEqualTo(Match.NO);
            // the region is not recorded: whether the SCP allows is unknown, never assumed
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A).withKeys(ContextKeys.builder().unknown("aws:RequestedRegion").build()),
                    policies).allowed()).isEqualTo(Match.UNKNOWN);
        }

        @Test
        void anScpAllowWithNotActionAllowsEverythingButWhatItNames() {
            String allBut = "{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\"],\"Resource\":\"*\"}";
            String allButSts = "{\"Effect\":\"Allow\",\"NotAction\":\"sts:*\",\"Resource\":\"*\"}";
            PolicySet base = policies(trust(USER_IN_A), List.of(), Optional.empty());
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), base.withOrganizationLevels(List.of(level("r-1", allBut),
                    level(A, ALLOW_ASSUME_ANY)), List.of())).allowed()).isEqualTo(Match.YES);
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), base.withOrganizationLevels(List.of(level("r-1", allButSts),
                    level(A, ALLOW_ASSUME_ANY)), List.of())).allowed()).isEqualTo(Match.NO);
        }

        @Test
        void anScpDenyWithNotResourceDeniesEveryRoleButTheOnesItNames() {
            String onlyTarget = "{\"Effect\":\"Deny\",\"Action\":\"sts:AssumeRole\",\"NotResource\":\"arn:aws:iam::*:role/target\"}";
            PolicySet policies = policies(trust(USER_IN_A), List.of(), Optional.empty())
                    .withOrganizationLevels(List.of(level("r-1", ALLOW_ASSUME_ANY + "," + onlyTarget), level(A, ALLOW_ASSUME_ANY)), List.of());
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), policies).allowed()).isEqualTo(Match.YES);
            assertThat(AssumeRoleAuthorizer.authorize(user("arn:aws:iam::" + A + ":role/other"), policies).explicitDeny()).isEqualTo(Match.YES);
        }

        @Test
        void wildcardsInsideAnScpsStringsMatchAsAnywhereElse() {
            String mid = "{\"Effect\":\"Allow\",\"Action\":\"sts:Assume*\",\"Resource\":\"arn:aws:iam::*:role/tar?et\"}";
            PolicySet policies = policies(trust(USER_IN_A), List.of(), Optional.empty())
                    .withOrganizationLevels(List.of(level("r-1", mid), level(A, ALLOW_ASSUME_ANY)), List.of());
            assertThat(AssumeRoleAuthorizer.authorize(user(ROLE_IN_A), policies).allowed()).isEqualTo(Match.YES);
            assertThat(AssumeRoleAuthorizer.authorize(user("arn:aws:iam::" + A + ":role/other"), policies).allowed()).isEqualTo(Match.NO);
        }

        @Test
        void anRcpDenyOnTheRolesAccountDenies() {
            String rcpDeny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\","
                    + "\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-abc123def4\"}}}";
            PolicySet policies = policies(trust(USER_IN_A), List.of(ALLOW_ASSUME_ANY), Optional.empty())
                    .withOrganizationLevels(List.of(), List.of(level("r-1", rcpDeny)));
            RequestContext outside = user(ROLE_IN_B).withKeys(ContextKeys.builder().put("aws:PrincipalOrgID", "o-other").build());
            assertThat(AssumeRoleAuthorizer.authorize(outside, policies).explicitDeny()).isEqualTo(Match.YES);
            RequestContext inside = user(ROLE_IN_B).withKeys(ContextKeys.builder().put("aws:PrincipalOrgID", "o-abc123def4").build());
            assertThat(AssumeRoleAuthorizer.authorize(inside, policies).allowed()).isEqualTo(Match.YES);
        }
    }

    @Test
    void webIdentityCallersAreDecidedByTheTrustPolicyAlone() {
        String provider = "arn:aws:iam::" + A + ":oidc-provider/token.actions.githubusercontent.com";
        RequestPrincipal github = RequestPrincipal.federated(PrincipalType.WEB_IDENTITY, provider, "repo:acme/app:ref:refs/heads/main");
        RequestContext request = new RequestContext(github, "sts:AssumeRoleWithWebIdentity", ROLE_IN_A, ContextKeys.empty());
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + provider
                + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";
        assertThat(AssumeRoleAuthorizer.authorize(request, policies(trust, List.of(), Optional.empty())).allowed()).isEqualTo(Match.YES);
    }

    private static Match allowed(RequestContext request, String trust, List<String> identity, Optional<String> boundary) {
        return AssumeRoleAuthorizer.authorize(request, policies(trust, identity, boundary)).allowed();
    }

    private static RequestContext user(String roleArn) {
        return new RequestContext(RequestPrincipal.user(USER_IN_A), "sts:AssumeRole", roleArn, ContextKeys.empty());
    }

    private static RequestContext session(String roleArn) {
        return new RequestContext(RequestPrincipal.roleSession(CALLER_ROLE_IN_A, "run-1"), "sts:AssumeRole", roleArn, ContextKeys.empty());
    }

    private static String trust(String awsPrincipal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + awsPrincipal
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static PolicySet policies(String trust, List<String> identity, Optional<String> boundary) {
        List<NamedPolicy> named = identity.stream()
                .map(s -> named(PolicyType.IDENTITY, "{\"Version\":\"2012-10-17\",\"Statement\":[" + s + "]}")).toList();
        return new PolicySet(named(PolicyType.TRUST, trust), named, false,
                boundary.map(b -> named(PolicyType.BOUNDARY, "{\"Version\":\"2012-10-17\",\"Statement\":[" + b + "]}")),
                Optional.empty(), false, List.of(), List.of());
    }

    private static PolicyLevel level(String target, String statement) {
        return new PolicyLevel(target, List.of(named(PolicyType.SCP, "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}")));
    }

    private static NamedPolicy named(PolicyType type, String json) {
        return new NamedPolicy(PolicyRef.inline(type, type.jsonName(), "x"), PolicyParser.parse(json));
    }
}
