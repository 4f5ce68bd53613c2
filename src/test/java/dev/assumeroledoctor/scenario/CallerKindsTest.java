package dev.assumeroledoctor.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.Verdict;
import dev.assumeroledoctor.report.Report;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One scenario per caller kind, each in both forms a record takes: with its request parameters,
 * and with {@code requestParameters: null} as real failed calls are logged. Records follow the
 * shapes of {@code ../shared/real-events/} and of CloudTrail's documented examples.
 */
class CallerKindsTest {
    static final String ROLE_ACCOUNT = "111111111111";
    static final String CALLER_ACCOUNT = "222222222222";
    static final String OKTA = "arn:aws:iam::111111111111:saml-provider/Okta";
    static final String GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";

    private static Diagnosis diagnosis(Scenario world, JsonNode event) {
        return ((Report.Diagnosed) world.diagnose(event)).diagnosis();
    }

    private static List<CauseId> ids(Diagnosis d) {
        return d.causes().stream().map(Cause::id).toList();
    }

    // --- SAML ----------------------------------------------------------------------------------

    private static Scenario samlWorld() {
        return new Scenario().samlProvider(OKTA).role("arn:aws:iam::111111111111:role/saml-admins", """
                {"Version":"2012-10-17","Statement":[{"Sid":"OktaAdmins","Effect":"Allow","Principal":{"Federated":"%s"},
                 "Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:sub":"bob"}}}]}""".formatted(OKTA));
    }

    /* CloudTrail's AssumeRoleWithSAML example: identityProvider is the assertion's name qualifier. */
    private static JsonNode samlEvent(String providerArn) {
        return Scenario.event("AssumeRoleWithSAML", "Not authorized to perform sts:AssumeRoleWithSAML", """
                {"type":"SAMLUser","principalId":"SampleUkh1i4+ExamplexL/jEvs=:alice","userName":"alice",
                 "identityProvider":"bdGOnTesti4+ReIeeeUpq5C7jBQ="}""", """
                {"sAMLAssertionID":"_c0046cEXAMPLEb9d4b8eEXAMPLE2619aEXAMPLE","roleSessionName":"alice","principalArn":"%s",
                 "roleArn":"arn:aws:iam::111111111111:role/saml-admins","durationSeconds":3600}""".formatted(providerArn), ROLE_ACCOUNT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void samlProviderIsNeverTakenFromTheNameQualifier(String form) {
        Diagnosis d = diagnosis(samlWorld(), Scenario.form(form, samlEvent(OKTA)));
        assertThat(ids(d)).doesNotContain(CauseId.FEDERATION_PROVIDER).contains(CauseId.CONDITION_FEDERATION_CLAIMS);
        assertThat(d.verdict()).isEqualTo(Verdict.IMPLICIT_DENY);
        if (!form.equals("recorded")) {
            assertThat(d.unknowns()).anySatisfy(u -> assertThat(u).contains("does not name the SAML provider").contains(OKTA + " (exists)"));
        }
    }

    @org.junit.jupiter.api.Test
    void aSamlProviderNamedByTheRequestThatTheAccountLacksIsAFederationProviderCause() {
        Diagnosis d = diagnosis(samlWorld(), samlEvent("arn:aws:iam::111111111111:saml-provider/Retired"));
        assertThat(ids(d)).contains(CauseId.FEDERATION_PROVIDER);
    }

    // --- {"AWS": "*"} applies to web-identity and service callers -------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void anAwsWildcardDenyAppliesToWebIdentityCallers(String form) {
        Scenario world = new Scenario().oidcProvider(GITHUB, "sts.amazonaws.com").role("arn:aws:iam::111111111111:role/gh-deploy", """
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity",
                  "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
                               "StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}}},
                 {"Sid":"OnlyFromCorp","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:*",
                  "Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""".formatted(GITHUB));
        String sub = "repo:acme/app:ref:refs/heads/main";
        JsonNode event = Scenario.event("AssumeRoleWithWebIdentity", "Not authorized to perform sts:AssumeRoleWithWebIdentity", """
                {"type":"WebIdentityUser","principalId":"%s:sts.amazonaws.com:%s","userName":"%s","identityProvider":"%s"}"""
                .formatted(GITHUB, sub, sub, GITHUB), """
                {"roleArn":"arn:aws:iam::111111111111:role/gh-deploy","roleSessionName":"GitHubActions","durationSeconds":3600}""",
                ROLE_ACCOUNT);
        Diagnosis d = diagnosis(world, Scenario.form(form, event));
        assertThat(ids(d)).contains(CauseId.TRUST_EXPLICIT_DENY);
        assertThat(d.verdict()).isEqualTo(Verdict.EXPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void anAwsWildcardDenyAppliesToServiceCallers(String form) {
        Scenario world = new Scenario().role("arn:aws:iam::111111111111:role/instance-role", """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},
                 {"Sid":"Frozen","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""");
        JsonNode event = Scenario.event("AssumeRole", "Not authorized to perform sts:AssumeRole", """
                {"type":"AWSService","invokedBy":"ec2.amazonaws.com"}""", """
                {"roleArn":"arn:aws:iam::111111111111:role/instance-role","roleSessionName":"i-0abc"}""", ROLE_ACCOUNT);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("detail")).putArray("resources").addObject()
                .put("ARN", "arn:aws:iam::111111111111:role/instance-role").put("accountId", ROLE_ACCOUNT).put("type", "AWS::IAM::Role");
        Diagnosis d = diagnosis(world, form.equals("recorded") ? event : keepResources(event));
        assertThat(ids(d)).contains(CauseId.TRUST_EXPLICIT_DENY);
        assertThat(d.verdict()).isEqualTo(Verdict.EXPLICIT_DENY);
    }

    /* A service's record names the role only among its resources: keep them, drop the parameters. */
    private static JsonNode keepResources(JsonNode event) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = event.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("detail")).putNull("requestParameters");
        return copy;
    }

    // --- MFA on long-term keys --------------------------------------------------------------------

    private static JsonNode userEvent(String user, String role, String params) {
        return Scenario.event("AssumeRole", "User: " + user + " is not authorized to perform: sts:AssumeRole on resource: " + role, """
                {"type":"IAMUser","principalId":"AIDAEXAMPLE000000001","arn":"%s","accountId":"%s","accessKeyId":"AKIAEXAMPLEKEY000001",
                 "userName":"%s"}""".formatted(user, user.split(":")[4], user.substring(user.lastIndexOf('/') + 1)), params,
                user.split(":")[4]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aDenyOnMfaFalseNeverAppliesToLongTermKeys(String form) {
        // "AWS global condition context keys": aws:MultiFactorAuthPresent is not present for long-term
        // access keys; passing an MFA code makes it true; it is never false for them
        String user = "arn:aws:iam::111111111111:user/alice";
        String role = "arn:aws:iam::111111111111:role/admin";
        Scenario world = new Scenario().user(user, null, Map.of()).role(role, """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"},
                 {"Sid":"NoMfaNoEntry","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
                  "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}""");
        Diagnosis d = diagnosis(world, Scenario.form(form, userEvent(user, role, "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"alice\"}")));
        assertThat(ids(d)).doesNotContain(CauseId.TRUST_EXPLICIT_DENY, CauseId.CONDITION_MFA).contains(CauseId.IDENTITY_NO_ALLOW);
        assertThat(d.verdict()).isEqualTo(Verdict.IMPLICIT_DENY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aBoolIfExistsMfaConditionCannotFailForLongTermKeys(String form) {
        String user = "arn:aws:iam::111111111111:user/alice";
        String role = "arn:aws:iam::111111111111:role/admin";
        Scenario world = new Scenario().user(user, null, Map.of("Tags", "[{\"Key\":\"team\",\"Value\":\"data\"}]")).role(role, """
                {"Version":"2012-10-17","Statement":[{"Sid":"Platform","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                  "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"},"StringEquals":{"aws:PrincipalTag/team":"platform"}}}]}"""
                .formatted(user));
        Diagnosis d = diagnosis(world, Scenario.form(form, userEvent(user, role, "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"alice\"}")));
        assertThat(ids(d)).containsExactly(CauseId.CONDITION_TAGS);
    }

    @org.junit.jupiter.api.Test
    void anUnknownValueThatDecidesTheVerdictIsReportedWithBothOutcomes() {
        // long-term keys, null request parameters: whether an MFA code was passed decides the verdict
        String user = "arn:aws:iam::111111111111:user/alice";
        String role = "arn:aws:iam::111111111111:role/admin";
        Scenario world = new Scenario().user(user, null, Map.of()).role(role, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                  "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}""".formatted(user));
        Diagnosis d = diagnosis(world, Scenario.realistic(userEvent(user, role, "{\"roleArn\":\"" + role + "\"}")));
        assertThat(d.causes()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(CauseId.CONDITION_MFA);
            assertThat(c.inferred()).isTrue();
            assertThat(c.explanation()).contains("if it met the condition, this statement allows the call").contains("if not, this is why AWS denied");
        });
        assertThat(d.unknowns()).anySatisfy(u -> assertThat(u).contains("absent (long-term access keys) or \"true\""));
    }

    // --- source identity through chaining -------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aChainedSessionCarryingASourceIdentityNeedsSetSourceIdentityInTheNextTrust(String form) {
        String pipeline = "arn:aws:iam::222222222222:role/pipeline";
        String deploy = "arn:aws:iam::111111111111:role/deploy";
        Scenario world = new Scenario().role(pipeline, "{\"Version\":\"2012-10-17\",\"Statement\":[]}", Map.of("RolePolicyList", """
                [{"PolicyName":"assume","PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}}]"""))
                .role(deploy, """
                {"Version":"2012-10-17","Statement":[{"Sid":"Pipeline","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
                        .formatted(pipeline));
        JsonNode event = Scenario.event("AssumeRole", "User: arn:aws:sts::222222222222:assumed-role/pipeline/build-7 is not authorized to"
                + " perform: sts:SetSourceIdentity on resource: " + deploy, """
                {"type":"AssumedRole","principalId":"AROAPIPELINE00000001:build-7","arn":"arn:aws:sts::222222222222:assumed-role/pipeline/build-7",
                 "accountId":"222222222222","accessKeyId":"ASIAEXAMPLE000000001",
                 "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAPIPELINE00000001","arn":"%s","accountId":"222222222222",
                   "userName":"pipeline"},"attributes":{"creationDate":"2026-11-30T09:55:00Z","mfaAuthenticated":"false"},
                   "sourceIdentity":"alice@example.com"}}""".formatted(pipeline),
                "{\"roleArn\":\"" + deploy + "\",\"roleSessionName\":\"deploy-7\"}", CALLER_ACCOUNT);
        Diagnosis d = diagnosis(world, Scenario.form(form, event));
        assertThat(d.verdict()).isEqualTo(Verdict.IMPLICIT_DENY);
        assertThat(d.causes()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(CauseId.TRUST_ACTION_NOT_ALLOWED);
            assertThat(c.actions()).contains("sts:SetSourceIdentity");
        });
    }

    // --- root ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aRootCallerIsOnlyARootCallerWhateverTheTrustPolicyHolds(String form) {
        String role = "arn:aws:iam::111111111111:role/mixed";
        Scenario world = new Scenario().oidcProvider(GITHUB, "sts.amazonaws.com").role(role, """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity"},
                 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}""".formatted(GITHUB));
        JsonNode event = Scenario.event("AssumeRole", "Roles may not be assumed by root accounts.", """
                {"type":"Root","principalId":"111111111111","arn":"arn:aws:iam::111111111111:root","accountId":"111111111111",
                 "accessKeyId":"AKIAROOTEXAMPLE00001"}""", "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"root\"}", ROLE_ACCOUNT);
        assertThat(ids(diagnosis(world, Scenario.form(form, event)))).containsExactly(CauseId.ROOT_CALLER);
    }

    // --- same account: "Principal": "*" and a boundary --------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aSameAccountWildcardGrantAgainstABoundaryIsReportedUndetermined(String form) {
        // Nothing in "Policy evaluation logic" says whether a same-account grant to "*" is capped by
        // the boundary (a user ARN grant is not, a role ARN grant is): both outcomes are shown
        String user = "arn:aws:iam::111111111111:user/bob";
        String role = "arn:aws:iam::111111111111:role/shared";
        Scenario world = new Scenario().managedPolicy("arn:aws:iam::111111111111:policy/s3-only", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")
                .user(user, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}",
                        Map.of("PermissionsBoundary", "{\"PermissionsBoundaryType\":\"Policy\",\"PermissionsBoundaryArn\":\"arn:aws:iam::111111111111:policy/s3-only\"}"))
                .role(role, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole",
                  "Condition":{"StringEquals":{"aws:PrincipalAccount":"111111111111"}}}]}""");
        Diagnosis d = diagnosis(world, Scenario.form(form, userEvent(user, role, "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"bob\"}")));
        assertThat(d.causes()).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(CauseId.BOUNDARY_NO_ALLOW);
            assertThat(c.inferred()).isTrue();
            assertThat(c.explanation()).contains("if it is, this is why AWS denied; if not, the trust policy alone allows the call");
        });
        // the documentation does not settle the outcome: the verdict claims no more than the inferred cause
        assertThat(d.verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    // --- the strongest principal entry of a statement decides -----------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aStatementNamingTheAccountAndTheUserGrantsThroughTheUser(String form) {
        String user = "arn:aws:iam::111111111111:user/carol";
        String role = "arn:aws:iam::111111111111:role/ops";
        Scenario world = new Scenario().user(user, null, Map.of()).role(role, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","%s"]},
                  "Action":"sts:AssumeRole"}]}""".formatted(user));
        Diagnosis d = diagnosis(world, Scenario.form(form, userEvent(user, role, "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"carol\"}")));
        assertThat(ids(d)).doesNotContain(CauseId.IDENTITY_NO_ALLOW).contains(CauseId.NOT_REPRODUCED);
    }

    // --- one cause for several actions ------------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void aBlockerOfSeveralActionsIsOneCauseListingThemAll() {
        String user = "arn:aws:iam::222222222222:user/dave";
        String role = "arn:aws:iam::111111111111:role/deploy";
        Scenario world = new Scenario().user(user, null, Map.of()).role(role, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"""
                .formatted(user));
        Diagnosis d = diagnosis(world, userEvent(user, role, "{\"roleArn\":\"" + role + "\",\"roleSessionName\":\"dave\","
                + "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"}]}"));
        List<Cause> identity = d.causes().stream().filter(c -> c.id() == CauseId.IDENTITY_NO_ALLOW).toList();
        assertThat(identity).hasSize(1);
        assertThat(identity.get(0).actions()).containsExactly("sts:AssumeRole", "sts:TagSession");
        assertThat(identity.get(0).explanation()).contains("sts:AssumeRole, sts:TagSession");
    }
}
