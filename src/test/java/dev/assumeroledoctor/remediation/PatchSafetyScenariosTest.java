package dev.assumeroledoctor.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Verdict;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.scenario.Scenario;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The traps of a patch that looks safe: every scenario asserts the exact patch, the bystanders and
 * the flags, and then proves them by applying the patches to the snapshot and diagnosing again:
 * the original request is allowed, every bystander the report lists is decided as before.
 */
class PatchSafetyScenariosTest {
    static final String ROLE = "arn:aws:iam::111111111111:role/deploy-role";
    static final String CI = "arn:aws:iam::222222222222:user/ci-user";
    static final String OTHER = "arn:aws:iam::222222222222:user/other-user";
    static final String ALLOW_ASSUME = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:*\",\"Resource\":\"*\"}]}";
    static final String BOUNDARY = "arn:aws:iam::222222222222:policy/CiBoundary";

    static JsonNode userEvent(String user, String role, String action, String params) {
        return Scenario.event("AssumeRole", "User: " + user + " is not authorized to perform: " + action + " on resource: " + role, """
                {"type":"IAMUser","principalId":"AIDAEXAMPLE000000001","arn":"%s","accountId":"%s","accessKeyId":"AKIAEXAMPLEKEY000001",
                 "userName":"%s"}""".formatted(user, user.split(":")[4], user.substring(user.lastIndexOf('/') + 1)), params, user.split(":")[4]);
    }

    private static Report.Diagnosed diagnose(Snapshot snapshot, JsonNode event) {
        return (Report.Diagnosed) new DiagnosisService(e -> snapshot).diagnose(event);
    }

    /* Applies the patches, re-diagnoses the request (allowed) and every listed bystander that is a user of the snapshot (unchanged). */
    private static void proveByReapplying(Scenario world, JsonNode event, Report.Diagnosed report) {
        Snapshot before = world.snapshot();
        Snapshot after = SnapshotPatcher.apply(before, report.remediation().patches());
        assertThat(diagnose(after, event).diagnosis().verdict()).as("the request, patched").isEqualTo(Verdict.ALLOWED);
        for (Bystander b : report.remediation().bystanders()) {
            if (b.who().contains(":user/") && !b.who().contains("assume-role-doctor") && before.account(b.who().split(":")[4])
                    .flatMap(a -> a.user(b.who())).isPresent()) {
                JsonNode theirs = userEvent(b.who(), b.role(), "sts:AssumeRole", "{\"roleArn\":\"" + b.role() + "\",\"roleSessionName\":\"b\"}");
                assertThat(diagnose(after, theirs).diagnosis().verdict()).as(b.who() + " after")
                        .isEqualTo(diagnose(before, theirs).diagnosis().verdict());
            }
        }
    }

    // --- a shared managed boundary ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aSharedBoundaryIsExtendedForExactlyTheCaller(String form) {
        Map<String, String> bounded = Map.of("PermissionsBoundary",
                "{\"PermissionsBoundaryType\":\"Policy\",\"PermissionsBoundaryArn\":\"" + BOUNDARY + "\"}");
        Scenario world = new Scenario()
                .managedPolicy(BOUNDARY, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")
                .user(CI, ALLOW_ASSUME, bounded).user(OTHER, ALLOW_ASSUME, bounded)
                .role(ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Tools\",\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"sts:AssumeRole\"}]}");
        JsonNode event = Scenario.form(form, userEvent(CI, ROLE, "sts:AssumeRole", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\"}"));
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.diagnosis().has(CauseId.BOUNDARY_NO_ALLOW)).isTrue();
        Patch patch = report.remediation().patches().get(0);
        assertThat(patch.target()).isEqualTo(new PatchTarget.ManagedPolicy(BOUNDARY, dev.assumeroledoctor.evaluation.PolicyType.BOUNDARY));
        assertThat(patch.document().at("/Statement/1")).isEqualTo(Json.readTree("""
                {"Sid":"AllowAssumedeployRoleForciUser","Effect":"Allow","Action":"sts:AssumeRole",
                 "Resource":"arn:aws:iam::111111111111:role/deploy-role",
                 "Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::222222222222:user/ci-user"}}}"""));
        assertThat(report.remediation().bystanders()).anySatisfy(b -> {
            assertThat(b.who()).isEqualTo(OTHER);
            assertThat(b.relation()).isEqualTo("shares CiBoundary");
            assertThat(b.gains()).isFalse();
        });
        assertThat(report.remediation().bystanders()).anySatisfy(b -> assertThat(b.relation()).contains("attached as its boundary"));
        assertThat(report.remediation().verified()).isTrue();
        assertThat(report.remediation().broadens()).isFalse();
        proveByReapplying(world, event, report);
    }

    // --- a missing action in a statement others share ------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aMissingActionGetsAStatementOfItsOwnNotTheSharedOne(String form) {
        Scenario world = new Scenario().user(CI, ALLOW_ASSUME, Map.of()).user(OTHER, ALLOW_ASSUME, Map.of())
                .role("arn:aws:iam::333333333333:role/partner", "{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                .role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Sid":"Shared","Effect":"Allow",
                  "Principal":{"AWS":["%s","arn:aws:iam::333333333333:role/partner","arn:aws:iam::222222222222:root"]},
                  "Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}""".formatted(CI));
        JsonNode event = Scenario.form(form, userEvent(CI, ROLE, "sts:TagSession", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\","
                + "\"tags\":[{\"key\":\"team\",\"value\":\"platform\"}]}"));
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.diagnosis().has(CauseId.TRUST_ACTION_NOT_ALLOWED)).isTrue();
        JsonNode doc = report.remediation().patches().get(0).document();
        assertThat(doc.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(doc.at("/Statement/1")).isEqualTo(Json.readTree("""
                {"Sid":"SharedActions","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:TagSession",
                 "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}""".formatted(CI)));
        List<Bystander> named = report.remediation().bystanders().stream().filter(b -> b.relation().startsWith("named by Shared")).toList();
        assertThat(named).extracting(Bystander::who).contains("arn:aws:iam::333333333333:role/partner", OTHER);
        assertThat(named).noneMatch(Bystander::gains);
        assertThat(report.remediation().verified()).isTrue();
        assertThat(report.remediation().broadens()).isFalse();
        proveByReapplying(world, event, report);
    }

    @Test
    void aWebIdentityCallerGetsItsExactSubjectAndAudienceNotTheProvidersWholeStatement() {
        String github = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
        String sub = "repo:acme/app:ref:refs/heads/main";
        Scenario world = new Scenario().oidcProvider(github, "sts.amazonaws.com").role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Sid":"GitHub","Effect":"Allow","Principal":{"Federated":"%s"},
                  "Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}]}"""
                .formatted(github));
        JsonNode event = Scenario.event("AssumeRoleWithWebIdentity", "Not authorized to perform sts:TagSession", """
                {"type":"WebIdentityUser","principalId":"%s:sts.amazonaws.com:%s","userName":"%s","identityProvider":"%s"}"""
                .formatted(github, sub, sub, github), """
                {"roleArn":"%s","roleSessionName":"gha","principalTags":{"team":"platform"}}""".formatted(ROLE), "111111111111");
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.remediation().patches().get(0).document().at("/Statement/1")).isEqualTo(Json.readTree("""
                {"Sid":"GitHubActions","Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:TagSession",
                 "Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com",
                   "token.actions.githubusercontent.com:sub":"%s"}}}""".formatted(github, sub)));
        assertThat(report.remediation().bystanders()).extracting(Bystander::who)
                .contains("repo:acme/assume-role-doctor-sample:ref:refs/heads/main via token.actions.githubusercontent.com",
                        "repo:assume-role-doctor-sample/app:ref:refs/heads/main via token.actions.githubusercontent.com");
        assertThat(report.remediation().bystanders()).noneMatch(Bystander::gains);
        assertThat(report.remediation().verified()).isTrue();
    }

    // --- a Deny on a pattern of roles -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void exemptingTheCallerFromAPatternDenyIsReportedAsBroadeningWithWhoGains(String form) {
        String deny = "arn:aws:iam::222222222222:policy/NoDeployRoles";
        Scenario world = new Scenario().managedPolicy(deny, """
                {"Version":"2012-10-17","Statement":[{"Sid":"NoDeploy","Effect":"Deny","Action":"sts:AssumeRole",
                  "Resource":"arn:aws:iam::111111111111:role/deploy-*"}]}""")
                .user(CI, ALLOW_ASSUME, Map.of("AttachedManagedPolicies", "[{\"PolicyName\":\"NoDeployRoles\",\"PolicyArn\":\"" + deny + "\"}]"))
                .user(OTHER, ALLOW_ASSUME, Map.of("AttachedManagedPolicies", "[{\"PolicyName\":\"NoDeployRoles\",\"PolicyArn\":\"" + deny + "\"}]"))
                .role(ROLE, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"sts:AssumeRole\"}]}")
                .role("arn:aws:iam::111111111111:role/deploy-prod", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"sts:AssumeRole\"}]}");
        JsonNode event = Scenario.form(form, userEvent(CI, ROLE, "sts:AssumeRole", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\"}"));
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.diagnosis().has(CauseId.IDENTITY_EXPLICIT_DENY)).isTrue();
        assertThat(report.remediation().broadens()).isTrue();
        assertThat(report.remediation().verified()).isFalse();
        assertThat(report.remediation().bystanders().stream().filter(Bystander::gains).map(Bystander::role))
                .contains("arn:aws:iam::111111111111:role/deploy-prod", "arn:aws:iam::111111111111:role/deploy-assume-role-doctor-sample");
        // everyone else sharing the Deny list stays denied: the exception names the caller alone
        assertThat(report.remediation().bystanders()).anySatisfy(b -> {
            assertThat(b.who()).isEqualTo(OTHER);
            assertThat(b.relation()).isEqualTo("shares NoDeployRoles");
            assertThat(b.gains()).isFalse();
        });
        JsonNode json = JsonReport.render(report);
        assertThat(json.path("bystanders").toString()).contains("\"gainsAccess\":true");
        assertThat(dev.assumeroledoctor.report.TextReport.render(report)).contains("gains access: the caller on arn:aws:iam::111111111111:role/deploy-prod");
    }

    // --- a failed condition is narrowed, never dropped; guards are the caller's to meet --------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aFailedPrincipalTagConditionIsNarrowedToTheCallersOwnValue(String form) {
        Scenario world = new Scenario().user(CI, ALLOW_ASSUME, Map.of("Tags", "[{\"Key\":\"team\",\"Value\":\"data\"}]"))
                .user(OTHER, ALLOW_ASSUME, Map.of("Tags", "[{\"Key\":\"team\",\"Value\":\"web\"}]"))
                .role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Sid":"Platform","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                  "Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"platform","aws:RequestedRegion":"eu-west-1"}}}]}""");
        JsonNode event = Scenario.form(form, userEvent(CI, ROLE, "sts:AssumeRole", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\"}"));
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.remediation().patches().get(0).document().at("/Statement/1")).isEqualTo(Json.readTree("""
                {"Sid":"PlatformForciUser","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1","aws:PrincipalTag/team":"data"}}}""".formatted(CI)));
        assertThat(report.remediation().bystanders()).anySatisfy(b -> {
            assertThat(b.who()).isEqualTo("the caller with aws:RequestedRegion assume-role-doctor-other");
            assertThat(b.gains()).isFalse();
        });
        assertThat(report.remediation().verified()).isTrue();
        assertThat(report.remediation().broadens()).isFalse();
        proveByReapplying(world, event, report);
    }

    @Test
    void aRequiredSessionTagIsAGuardTheCallerMeets() {
        Scenario world = new Scenario().user(CI, ALLOW_ASSUME, Map.of()).role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Sid":"Tagged","Effect":"Allow","Principal":{"AWS":"%s"},
                  "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"aws:RequestTag/project":"apollo"}}}]}""".formatted(CI));
        JsonNode event = userEvent(CI, ROLE, "sts:AssumeRole", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\","
                + "\"tags\":[{\"key\":\"project\",\"value\":\"gemini\"}]}");
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.remediation().patches()).isEmpty();
        assertThat(report.remediation().actions()).anySatisfy(a -> assertThat(a.text()).contains("--tags Key=project,Value=apollo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.assumeroledoctor.scenario.Scenario#forms")
    void aTrustDenyOnMissingMfaIsNeverNarrowed(String form) {
        Scenario world = new Scenario().user(CI, ALLOW_ASSUME, Map.of()).role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"},
                  {"Sid":"MfaOnly","Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole",
                   "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}""".formatted(CI));
        JsonNode event = Scenario.form(form, userEvent(CI, ROLE, "sts:AssumeRole", "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"ci\"}"));
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        assertThat(report.diagnosis().has(CauseId.TRUST_EXPLICIT_DENY)).isTrue();
        assertThat(report.remediation().patches()).isEmpty();
        assertThat(report.remediation().actions()).anySatisfy(a -> assertThat(a.text()).contains("--serial-number").contains("--token-code"));
    }

    @Test
    void aNewPartnerStatementCarriesTheExternalIdEveryOtherPartnerMustPassAndNeverShowsIt() {
        String partner = "arn:aws:iam::444444444444:role/partner-b";
        Scenario world = new Scenario().role(partner, "{\"Version\":\"2012-10-17\",\"Statement\":[]}", Map.of("RolePolicyList",
                        "[{\"PolicyName\":\"a\",\"PolicyDocument\":" + ALLOW_ASSUME + "}]"))
                .role(ROLE, """
                {"Version":"2012-10-17","Statement":[{"Sid":"PartnerA","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},
                  "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"s3cr3t-partner-a"}}}]}""")
                .organization("""
                {"Organization":{"Id":"o-abc123def4","MasterAccountId":"999999999999"},
                 "Accounts":{"111111111111":{"Path":["r-ab12"]},"444444444444":{"Path":["r-ab12"]}},"Policies":[],"Targets":{}}""");
        JsonNode event = Scenario.event("AssumeRole", "User: arn:aws:sts::444444444444:assumed-role/partner-b/s is not authorized to perform:"
                + " sts:AssumeRole on resource: " + ROLE, """
                {"type":"AssumedRole","principalId":"AROAPARTNERB0000001:s","arn":"arn:aws:sts::444444444444:assumed-role/partner-b/s",
                 "accountId":"444444444444","sessionContext":{"sessionIssuer":{"type":"Role","arn":"%s","accountId":"444444444444"},
                 "attributes":{"creationDate":"2026-11-30T09:55:00Z","mfaAuthenticated":"false"}}}""".formatted(partner),
                "{\"roleArn\":\"" + ROLE + "\",\"roleSessionName\":\"s\",\"externalId\":\"s3cr3t-partner-b\"}", "444444444444");
        Report.Diagnosed report = (Report.Diagnosed) world.diagnose(event);
        JsonNode added = report.remediation().patches().get(0).document().at("/Statement/1");
        assertThat(added.at("/Principal/AWS").asText()).isEqualTo(partner);
        assertThat(added.at("/Condition/StringEquals").has("sts:ExternalId")).isTrue();
        assertThat(report.remediation().actions()).anySatisfy(a -> assertThat(a.text()).contains("--external-id <the agreed id>"));
        String rendered = Json.compact(JsonReport.render(report)) + dev.assumeroledoctor.report.TextReport.render(report);
        assertThat(rendered).doesNotContain("s3cr3t-partner-a").doesNotContain("s3cr3t-partner-b");
        assertThat(report.remediation().bystanders()).noneMatch(Bystander::gains);
    }
}
