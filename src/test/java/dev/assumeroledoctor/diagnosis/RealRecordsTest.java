package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.CallerAction;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.AuthorizationDetailsReader;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Real CloudTrail records published by others (src/test/resources/real-events, each with its
 * .source.txt: AWS documentation examples and Stratus Red Team detonation logs), diagnosed as the
 * reports promise: one cause per blocker and one fix per fix, no certain verdict built on a gap.
 */
class RealRecordsTest {
    private static final String STRATUS = "stratus-get-password-data-assumerole-denied-1.json";

    @Test
    void aRealDenialWithNullRequestParametersIsCertainWithItsAccountAndUndeterminedWithout() throws IOException {
        JsonNode record = read(STRATUS);
        String account = record.path("recipientAccountId").asText();
        String user = record.path("userIdentity").path("arn").asText();
        String role = "arn:aws:iam::" + account + ":role/stratus-red-team-ec2-get-password-data-role";
        // the role trusts the account, so the user's own policies must allow the call, and they allow nothing
        JsonNode iam = Json.readTree("""
                {"UserDetailList":[{"UserName":"christophe","Arn":"%s","UserId":"AIDAFSHDVNSWGFKZR06G","UserPolicyList":[],"GroupList":[],
                  "AttachedManagedPolicies":[],"Tags":[]}],
                 "GroupDetailList":[],"Policies":[],
                 "RoleDetailList":[{"RoleName":"stratus-red-team-ec2-get-password-data-role","Arn":"%s","RoleId":"AROAEXAMPLE",
                  "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
                  "Action":"sts:AssumeRole"}]},"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}]}""".formatted(user, role, account));
        Snapshot known = new Snapshot(Map.of(account, AuthorizationDetailsReader.read(iam, "iam.json")), Optional.empty());
        Diagnosis certain = diagnose(record, known);
        assertThat(certain.causes()).extracting(Cause::id).containsExactly(CauseId.IDENTITY_NO_ALLOW);
        assertThat(certain.causes()).allMatch(c -> !c.inferred());
        assertThat(certain.verdict()).isEqualTo(Verdict.IMPLICIT_DENY);

        Diagnosis unknown = diagnose(record, new Snapshot(Map.of(), Optional.empty()));
        assertThat(unknown.causes()).extracting(Cause::id).containsOnly(CauseId.INSUFFICIENT_DATA);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void aRealWebIdentityDenialWithNoProviderNamesEachBlockerAndEachFixOnce() throws IOException {
        // the AWS documentation's AssumeRoleWithWebIdentity record, as the denial it becomes when the account has no provider
        ObjectNode record = (ObjectNode) read("awsdoc-assumerolewithwebidentity.json");
        record.put("errorCode", "AccessDenied").put("errorMessage", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        record.remove("responseElements");
        String account = "444455556666";
        JsonNode iam = Json.readTree("""
                {"UserDetailList":[],"GroupDetailList":[],"Policies":[],"OpenIDConnectProviderList":[],
                 "RoleDetailList":[{"RoleName":"FederatedWebIdentityRole","Arn":"arn:aws:iam::%s:role/FederatedWebIdentityRole","RoleId":"AROAEXAMPLE",
                  "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":
                  "arn:aws:iam::%s:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"},
                  "Action":"sts:AssumeRoleWithWebIdentity"}]},"RolePolicyList":[],"AttachedManagedPolicies":[],"Tags":[]}]}""".formatted(account, account));
        Snapshot snapshot = new Snapshot(Map.of(account, AuthorizationDetailsReader.read(iam, "iam.json")), Optional.empty());
        Report.Diagnosed report = DiagnosisService.diagnose(((dev.assumeroledoctor.event.ParsedEvent.Applicable)
                dev.assumeroledoctor.event.EventParser.parse(record)).event(), snapshot);
        List<Cause> provider = report.diagnosis().causes().stream().filter(c -> c.id() == CauseId.FEDERATION_PROVIDER).toList();
        // the missing provider, and the trust policy naming another one for every action the call asked: two blockers, not three
        assertThat(provider).hasSize(2);
        assertThat(provider.stream().filter(c -> c.policy().isPresent()).findFirst().orElseThrow().actions())
                .contains("sts:AssumeRoleWithWebIdentity", "sts:TagSession");
        assertThat(report.remediation().actions()).extracting(CallerAction::text).doesNotHaveDuplicates();
        assertThat(dev.assumeroledoctor.report.TextReport.render(report).lines().filter(l -> l.startsWith("  - ")).toList()).doesNotHaveDuplicates();
    }

    private static Diagnosis diagnose(JsonNode record, Snapshot snapshot) {
        return ((Report.Diagnosed) new DiagnosisService(e -> snapshot).diagnose(record)).diagnosis();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = RealRecordsTest.class.getResourceAsStream("/real-events/" + name)) {
            JsonNode node = Json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return node.has("detail") ? node.get("detail") : node;
        }
    }
}
