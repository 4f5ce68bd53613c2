package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static dev.assumeroledoctor.watch.World.BOB;
import static dev.assumeroledoctor.watch.World.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.scenario.Scenario;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change watch re-evaluates the paths that worked recently against the state after a change,
 * and names exactly the callers the change breaks, with the cause.
 */
class ChangeWatchTest {
    private final World.History history = new World.History();

    @BeforeEach
    void callsOfTheLastDays() {
        // with an older call on Bob's path: the same caller, role and request facts are re-evaluated once
        World.recordRecentCalls(history);
    }

    @Test
    void aTrustEditThatDropsAPrincipalNamesIt() {
        Snapshot after = World.iam("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Tools","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
                .formatted(ALICE)).organization(World.org("", "")).snapshot();
        ChangeImpact impact = watch(after).assess(updateTrust()).orElseThrow();

        assertThat(impact.change().actor()).isEqualTo("arn:aws:sts::111111111111:assumed-role/Admin/carol");
        assertThat(impact.accounts()).containsExactly("111111111111");
        // the role's account named the callers only by account: each was read from the tools account's copy
        assertThat(history.calls).contains("callerCopy 222222222222");
        assertThat(impact.checked()).isEqualTo(2);
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactly(BOB);
        ChangeImpact.Broken bob = impact.broken().get(0);
        assertThat(bob.role()).isEqualTo(ROLE);
        assertThat(bob.lastWorked()).hasValue(java.time.Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(bob.report().diagnosis().causes()).extracting(Cause::id).contains(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED);
        // the verified patch that restores exactly bob's path travels with the warning
        assertThat(bob.report().remediation().patches()).isNotEmpty();
        assertThat(impact.worthTelling()).isTrue();
    }

    @Test
    void aHarmlessEditBreaksNobody() {
        Snapshot after = World.iam(World.TRUST_BOTH.replace("\"Tools\"", "\"ToolsUsers\"")).organization(World.org("", "")).snapshot();
        ChangeImpact impact = watch(after).assess(updateTrust()).orElseThrow();
        assertThat(impact.checked()).isEqualTo(2);
        assertThat(impact.broken()).isEmpty();
        assertThat(impact.undetermined()).isEmpty();
        assertThat(impact.worthTelling()).isFalse();
    }

    @Test
    void anScpDenyOnAnOuNamesTheCallersInItsAccounts() {
        history.under.put("ou-ab12-tools0001", List.of("222222222222"));
        Snapshot after = World.iam(World.TRUST_BOTH).organization(World.org("""
                ,{"Id":"p-nosts","Name":"NoAssumeRole","Type":"SERVICE_CONTROL_POLICY","Content":{"Version":"2012-10-17",
                  "Statement":[{"Sid":"NoRoleHopping","Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}}""", ",\"p-nosts\""))
                .snapshot();
        JsonNode attach = World.change("organizations.amazonaws.com", "AttachPolicy", """
                {"policyId":"p-nosts","targetId":"ou-ab12-tools0001"}""", "999999999999");
        ChangeImpact impact = watch(after).assess(attach).orElseThrow();

        assertThat(impact.accounts()).containsExactly("222222222222");
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(impact.broken()).allSatisfy(b -> assertThat(b.report().diagnosis().causes()).extracting(Cause::id)
                .contains(CauseId.SCP_EXPLICIT_DENY));
    }

    @Test
    void anScpChangeReachesEveryAccountUnderItsTargetsHoweverMany() {
        // no cap in the product's logic: 60 accounts under the root are all searched, none dropped
        List<String> accounts = new java.util.ArrayList<>(List.of("222222222222", "111111111111"));
        for (int i = 0; i < 58; i++) {
            accounts.add(String.format("3%011d", i));
        }
        history.under.put("r-ab12", accounts);
        Snapshot after = World.iam(World.TRUST_BOTH).organization(World.org("", "")).snapshot();
        JsonNode update = World.change("organizations.amazonaws.com", "UpdatePolicy", "{\"policyId\":\"p-FullAWSAccess\"}", "999999999999");
        history.targets.put("p-FullAWSAccess", Set.of("r-ab12"));
        ChangeImpact impact = new ChangeWatch(history, e -> after, new ChangeWatch.Limits(Duration.ofDays(7)), clock(), Runnable::run)
                .assess(update).orElseThrow();
        assertThat(impact.accounts()).hasSize(60).containsAll(accounts);
        assertThat(impact.bounds()).isEmpty();
        assertThat(impact.unchecked()).isEmpty();
    }

    @Test
    void aNewDefaultVersionOfAManagedPolicyChecksTheCallersItIsAttachedTo() {
        history.attachments.put("arn:aws:iam::222222222222:policy/assume", new HistorySource.Attachments(Set.of(), Set.of("alice"), Set.of()));
        Scenario world = new Scenario().role(ROLE, World.TRUST_BOTH).user(ALICE, null, Map.of("AttachedManagedPolicies", """
                [{"PolicyName":"assume","PolicyArn":"arn:aws:iam::222222222222:policy/assume"}]""")).user(BOB, World.MAY_ASSUME, Map.of())
                .managedPolicy("arn:aws:iam::222222222222:policy/assume", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");
        Snapshot after = world.organization(World.org("", "")).snapshot();
        JsonNode version = World.change("iam.amazonaws.com", "CreatePolicyVersion", """
                {"policyArn":"arn:aws:iam::222222222222:policy/assume","policyDocument":"{}","setAsDefault":true}""", "222222222222");
        ChangeImpact impact = watch(after).assess(version).orElseThrow();
        assertThat(impact.checked()).isEqualTo(1);
        assertThat(impact.broken()).singleElement().satisfies(b -> {
            assertThat(b.caller()).isEqualTo(ALICE);
            assertThat(b.report().diagnosis().causes()).extracting(Cause::id).contains(CauseId.IDENTITY_NO_ALLOW);
        });
    }

    @Test
    void aRefusedHistoryIsAGapNotASilence() {
        history.refused.add("111111111111");
        Snapshot after = World.iam(World.TRUST_BOTH).organization(World.org("", "")).snapshot();
        ChangeImpact impact = watch(after).assess(updateTrust()).orElseThrow();
        assertThat(impact.checked()).isZero();
        assertThat(impact.gaps()).singleElement().asString().contains("refused in account 111111111111");
    }

    @Test
    void aFailedWriteOrAnotherCallIsNotAChange() {
        Snapshot after = World.iam(World.TRUST_BOTH).snapshot();
        com.fasterxml.jackson.databind.node.ObjectNode failed = (com.fasterxml.jackson.databind.node.ObjectNode) updateTrust().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) failed.get("detail")).put("errorCode", "AccessDenied");
        assertThat(watch(after).assess(failed)).isEmpty();
        assertThat(watch(after).assess(World.change("iam.amazonaws.com", "GetRole", "{\"roleName\":\"deploy\"}", "111111111111"))).isEmpty();
        // an envelope whose account is not its record's recipient was not made by CloudTrail
        com.fasterxml.jackson.databind.node.ObjectNode forged = (com.fasterxml.jackson.databind.node.ObjectNode) updateTrust().deepCopy();
        forged.put("account", "999999999999");
        assertThat(watch(after).assess(forged)).isEmpty();
        assertThat(history.calls).isEmpty();
    }

    private static JsonNode updateTrust() {
        return World.change("iam.amazonaws.com", "UpdateAssumeRolePolicy", """
                {"roleName":"deploy","policyDocument":"{}"}""", "111111111111");
    }

    private ChangeWatch watch(Snapshot after) {
        return new ChangeWatch(history, e -> after, ChangeWatch.Limits.defaults(), clock(), Runnable::run);
    }

    private static Clock clock() {
        return Clock.fixed(World.NOW, ZoneOffset.UTC);
    }
}
