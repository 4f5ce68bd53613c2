package dev.assumeroledoctor.watch;

import static dev.assumeroledoctor.watch.World.ALICE;
import static dev.assumeroledoctor.watch.World.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.scenario.Scenario;
import dev.assumeroledoctor.snapshot.Inspection;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fanned-out change is read once per account: the part keeps, beside each broken path, the
 * inspection it evaluated, and the gatherer — another container, after the cache expired — renders
 * the warning from it without reading IAM. A path kept without it is read again, never dropped.
 */
class PartEvidenceTest {
    private final World.History history = new World.History();

    @Test
    void theGathererRendersTheWarningFromWhatThePartEvaluatedWithoutReadingIam() {
        World.recordRecentCalls(history);
        Inspection inspection = inspection(World.iam("""
                {"Version":"2012-10-17","Statement":[{"Sid":"Tools","Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}"""
                .formatted(ALICE)).organization(World.org("", "")));
        ChangeWatch worker = new ChangeWatch(history, e -> inspection.snapshot(), ChangeWatch.Limits.defaults(), clock(), Runnable::run)
                .withEvidence(e -> inspection);
        ChangeWatch.Plan plan = worker.plan(updateTrust()).orElseThrow();
        ChangeWatch.Part part = worker.part(plan, "111111111111");
        assertThat(part.broken()).hasSize(1);
        assertThat(part.evidence()).hasSize(1).allMatch(JsonNode::isObject);

        ChangeWatch gatherer = new ChangeWatch(history, e -> {
            throw new AssertionError("the gatherer read IAM for " + e.eventId());
        }, ChangeWatch.Limits.defaults(), clock(), Runnable::run);
        ChangeImpact impact = gatherer.gather(plan, List.of(part), List.of());
        assertThat(impact.broken()).extracting(ChangeImpact.Broken::caller).containsExactly(BOB);
        assertThat(impact.broken().get(0).report().diagnosis().causes()).extracting(Cause::id).contains(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED);
        assertThat(impact.broken().get(0).report().remediation().verified()).isTrue();

        // without what the part evaluated (it did not fit its item, or came from an older worker) the path is read again
        ChangeWatch.Part bare = new ChangeWatch.Part(part.account(), part.paths(), part.broken(), part.undetermined(), part.gaps(),
                List.of(NullNode.getInstance()));
        assertThatThrownBy(() -> gatherer.gather(plan, List.of(bare), List.of())).hasMessageContaining("the gatherer read IAM");
    }

    @Test
    void anInspectionComesBackFromItsJsonAsTheSameSnapshot() {
        Inspection inspection = inspection(World.iam(World.TRUST_BOTH).organization(World.org("", "")), new dev.assumeroledoctor.snapshot.DataGap(
                "the session policy", "not in the record", dev.assumeroledoctor.snapshot.DataGap.Decision.SESSION));
        Inspection back = Inspection.fromJson(Json.readTree(Json.compact(inspection.toJson())));
        assertThat(back).isEqualTo(inspection);
        assertThat(back.snapshot()).isEqualTo(inspection.snapshot());
        assertThatThrownBy(() -> Inspection.fromJson(Json.readTree("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Inspection inspection(Scenario scenario, dev.assumeroledoctor.snapshot.DataGap... gaps) {
        return new Inspection(Map.of("111111111111", scenario.iamOf("111111111111"), "222222222222", scenario.iamOf("222222222222")),
                Optional.of((ObjectNode) Json.readTree(World.org("", ""))), List.of(gaps), Set.of("333333333333"));
    }

    private static JsonNode updateTrust() {
        return World.change("iam.amazonaws.com", "UpdateAssumeRolePolicy", """
                {"roleName":"deploy","policyDocument":"{}"}""", "111111111111");
    }

    private static Clock clock() {
        return Clock.fixed(World.NOW, ZoneOffset.UTC);
    }
}
