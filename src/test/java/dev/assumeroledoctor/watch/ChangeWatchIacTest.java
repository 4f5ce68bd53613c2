package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static dev.assumeroledoctor.watch.World.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.iac.GivenTemplates;
import dev.assumeroledoctor.iac.IacPlan;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change warning names, for each broken path, the stack that defines the resource its fix edits,
 * with the template change — for the newest broken paths, and says where it stopped.
 */
class ChangeWatchIacTest {
    private static final String ONLY_ALICE = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Tools","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
            .formatted(ALICE);
    private final World.History history = new World.History();

    @TempDir
    Path dir;

    @Test
    void aBrokenPathsFixIsATemplateChangeWhereAStackDefinesTheRole() throws Exception {
        World.recordRecentCalls(history);
        ChangeImpact impact = watch(World.iam(ONLY_ALICE)).assess(updateTrust()).orElseThrow();
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactly(BOB);
        IacPlan plan = impact.broken().get(0).report().iac().get(0);
        assertThat(plan.kind()).isEqualTo(IacPlan.Kind.CLOUDFORMATION);
        assertThat(plan.templatePatch()).as(plan.reason().orElse("")).isTrue();
        assertThat(plan.jsonPatch().orElseThrow().toString()).contains(BOB);
        assertThat(impact.bounds()).isEmpty();
    }

    @Test
    void onlyTheNewestBrokenPathsAreLookedUpAndTheWarningSaysSo() throws Exception {
        Scenario scenario = World.iam(ONLY_ALICE);
        for (int i = 0; i < ChangeWatch.IAC_PATHS + 2; i++) {
            String user = "arn:aws:iam::222222222222:user/u" + i;
            scenario.user(user, World.MAY_ASSUME, Map.of());
            World.recordCall(history, user, "2026-11-29T%02d:00:00Z".formatted(i), "198.51.100.7");
        }
        ChangeImpact impact = watch(scenario).assess(updateTrust()).orElseThrow();
        assertThat(impact.broken()).hasSize(ChangeWatch.IAC_PATHS + 2);
        assertThat(impact.broken().stream().filter(b -> !b.report().iac().isEmpty())).hasSize(ChangeWatch.IAC_PATHS);
        assertThat(impact.bounds()).containsExactly("the stacks that define the patched resources were looked up for the newest "
                + ChangeWatch.IAC_PATHS + " of the " + (ChangeWatch.IAC_PATHS + 2) + " broken paths");
    }

    private ChangeWatch watch(Scenario after) throws Exception {
        Path template = dir.resolve("roles.json");
        Files.writeString(template, "{\"Resources\":{\"Deploy\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"RoleName\":\"deploy\","
                + "\"AssumeRolePolicyDocument\":" + ONLY_ALICE + "}}}}");
        var snapshot = after.organization(World.org("", "")).snapshot();
        return new ChangeWatch(history, e -> snapshot, ChangeWatch.Limits.defaults(), Clock.fixed(World.NOW, ZoneOffset.UTC), Runnable::run)
                .withIac(new IacPlanner(new GivenTemplates(Map.of("Roles", template)), IacPlanner.DEFAULT_TAG_KEYS));
    }

    private static JsonNode updateTrust() {
        return World.change("iam.amazonaws.com", "UpdateAssumeRolePolicy", """
                {"roleName":"deploy","policyDocument":"{}"}""", "111111111111");
    }
}
