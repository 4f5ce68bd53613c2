package dev.assumeroledoctor.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The errorMessage forms of failed AssumeRole* calls ("Troubleshoot access denied error messages"
 * and the STS AssumeRole API reference's errors), as CloudTrail records them.
 */
class DenialMessageParserTest {
    private static final String ROLE = "arn:aws:iam::111111111111:role/deploy";
    private static final String USER = "arn:aws:iam::222222222222:user/ci";

    @Test
    void plainMessageAsSeenInRealRecords() {
        DenialMessage m = DenialMessageParser.parse("AccessDenied",
                "User: " + USER + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE);
        assertThat(m.kind()).isEqualTo(MessageKind.NOT_AUTHORIZED);
        assertThat(m.callerArn()).contains(USER);
        assertThat(m.action()).contains("sts:AssumeRole");
        assertThat(m.resource()).contains(ROLE);
        assertThat(m.policyType()).isEmpty();
        assertThat(m.explicitDeny()).isFalse();
    }

    @Test
    void enhancedMessageNamingNoAllowingPolicyType() {
        DenialMessage m = DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE
                + " because no identity-based policy allows the sts:AssumeRole action");
        assertThat(m.resource()).contains(ROLE);
        assertThat(m.policyType()).contains(AwsPolicyType.IDENTITY);
        assertThat(m.explicitDeny()).isFalse();
        DenialMessage trust = DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE
                + " because no role trust policy allows the sts:AssumeRole action.");
        assertThat(trust.policyType()).contains(AwsPolicyType.TRUST);
    }

    @Test
    void enhancedExplicitDenyWithPolicyArn() {
        DenialMessage m = DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE
                + " with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-abc123def4/service_control_policy/p-deny1234.");
        assertThat(m.policyType()).contains(AwsPolicyType.SCP);
        assertThat(m.explicitDeny()).isTrue();
        assertThat(m.policyArn()).contains("arn:aws:organizations::999999999999:policy/o-abc123def4/service_control_policy/p-deny1234");
        DenialMessage boundary = DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE + " with an explicit deny in a permissions boundary");
        assertThat(boundary.policyType()).contains(AwsPolicyType.BOUNDARY);
        assertThat(boundary.policyArn()).isEmpty();
    }

    @Test
    void tagSessionAndSetSourceIdentityInPlaceOfAssumeRole() {
        assertThat(DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:TagSession on resource: " + ROLE).action()).contains("sts:TagSession");
        assertThat(DenialMessageParser.parse("AccessDenied", "User: " + USER
                + " is not authorized to perform: sts:SetSourceIdentity on resource: " + ROLE).action()).contains("sts:SetSourceIdentity");
    }

    @Test
    void assumedRoleCallerArn() {
        DenialMessage m = DenialMessageParser.parse("AccessDenied",
                "User: arn:aws:sts::222222222222:assumed-role/ci/build-1 is not authorized to perform: sts:AssumeRole on resource: " + ROLE);
        assertThat(m.callerArn()).contains("arn:aws:sts::222222222222:assumed-role/ci/build-1");
    }

    @Test
    void rootMfaFederatedAndRegionTexts() {
        assertThat(DenialMessageParser.parse("AccessDenied", "Roles may not be assumed by root accounts").kind()).isEqualTo(MessageKind.ROOT_CALLER);
        assertThat(DenialMessageParser.parse("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ").kind())
                .isEqualTo(MessageKind.MFA_FAILED);
        assertThat(DenialMessageParser.parse("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity").kind())
                .isEqualTo(MessageKind.FEDERATED_NOT_AUTHORIZED);
        assertThat(DenialMessageParser.parse("InvalidIdentityToken",
                "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com").kind())
                .isEqualTo(MessageKind.PROVIDER_NOT_FOUND);
        assertThat(DenialMessageParser.parse("InvalidIdentityToken", "Incorrect token audience").kind()).isEqualTo(MessageKind.TOKEN_REJECTED);
        assertThat(DenialMessageParser.parse("RegionDisabledException",
                "STS is not activated in this region for account:111111111111. Your account administrator can activate STS in this region using the IAM Console.").kind())
                .isEqualTo(MessageKind.REGION_DISABLED);
    }

    @Test
    void validationErrors() {
        assertThat(DenialMessageParser.parse("ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.").kind())
                .isEqualTo(MessageKind.ROLE_CHAINING_DURATION);
        assertThat(DenialMessageParser.parse("ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.").kind())
                .isEqualTo(MessageKind.MAX_SESSION_DURATION);
        assertThat(DenialMessageParser.parse("ValidationError",
                "1 validation error detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*").kind())
                .isEqualTo(MessageKind.REQUEST_INVALID);
    }

    @Test
    void truncatedMessageKeepsWhatItHas() {
        String longRole = "arn:aws:iam::111111111111:role/" + "p/".repeat(500) + "deploy";
        String message = ("User: " + USER + " is not authorized to perform: sts:AssumeRole on resource: " + longRole
                + " because no identity-based policy allows the sts:AssumeRole action").substring(0, 1024);
        DenialMessage m = DenialMessageParser.parse("AccessDenied", message);
        assertThat(m.kind()).isEqualTo(MessageKind.NOT_AUTHORIZED);
        assertThat(m.truncated()).isTrue();
        assertThat(m.resource().orElseThrow()).startsWith("arn:aws:iam::111111111111:role/p/p/");
    }

    @Test
    void unknownTextIsUnrecognisedNotAnError() {
        assertThat(DenialMessageParser.parse("AccessDenied", "Something new").kind()).isEqualTo(MessageKind.UNRECOGNISED);
        assertThat(DenialMessageParser.parse("AccessDenied", null).kind()).isEqualTo(MessageKind.UNRECOGNISED);
    }
}
