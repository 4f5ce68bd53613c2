package dev.assumeroledoctor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check core: paths read as the records a call would leave, evaluated by the diagnosis engine. */
class PathCheckerTest {
    private static final String CI_RUNNER = "arn:aws:iam::222222222222:role/ci/ci-runner";
    private static final String DEPLOY = "arn:aws:iam::111111111111:role/deploy-role";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static PathSpec path(boolean externalId) {
        return new PathSpec(CI_RUNNER, DEPLOY, "sts:AssumeRole", Map.of(), externalId, false, Map.of(), Optional.empty(),
                PathSpec.Expectation.ALLOW);
    }

    @Test
    void aMissingAccountIsUndeterminedAndNeverPasses() {
        // only the caller's account: the role's trust policy is unknown, so no verdict may be claimed
        Snapshot callerOnly = SnapshotFiles.load(List.of(Path.of("events/condition-external-id/iam-222222222222.json")), Optional.empty());
        PathResult result = new PathChecker(e -> callerOnly, PlanOverlay.NONE, NOW).check(path(true));
        assertThat(result.outcome()).isEqualTo(PathResult.Outcome.UNDETERMINED);
        assertThat(result.matches()).isFalse();
        assertThat(result.why()).contains("111111111111");
    }

    @Test
    void theSameEngineDecidesAsForAFailedCall() {
        Snapshot snapshot = SnapshotFiles.loadDirectory(Path.of("events/condition-external-id"));
        PathChecker checker = new PathChecker(e -> snapshot, PlanOverlay.NONE, NOW);
        PathResult denied = checker.check(path(false));
        assertThat(denied.outcome()).isEqualTo(PathResult.Outcome.DENY);
        assertThat(denied.report().diagnosis().causes()).extracting(c -> c.id().name()).containsExactly("CONDITION_EXTERNAL_ID");
        assertThat(checker.check(path(true)).outcome()).isEqualTo(PathResult.Outcome.ALLOW);
    }

    @Test
    void pathsFileDefaultsAndStrictness() {
        List<PathSpec> paths = PathsFile.parse("{\"paths\":[{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY
                + "\",\"context\":{\"aws:SourceIp\":\"203.0.113.9\"},\"tags\":{\"team\":\"ci\"}}]}");
        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.action()).isEqualTo("sts:AssumeRole");
            assertThat(p.expect()).isEqualTo(PathSpec.Expectation.ALLOW);
            assertThat(p.context()).containsEntry("aws:SourceIp", "203.0.113.9");
            assertThat(p.tags()).containsEntry("team", "ci");
        });
        assertThatThrownBy(() -> PathsFile.parse("[]")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> PathsFile.parse("[{\"role\":\"" + DEPLOY + "\"}]")).hasMessageContaining("paths[0]: \"principal\" is required");
        assertThatThrownBy(() -> PathsFile.parse("[{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY + "\",\"mfa\":\"yes\"}]"))
                .hasMessageContaining("\"mfa\" is true or false");
        assertThatThrownBy(() -> PathsFile.parse("[{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY + "\",\"action\":\"sts:GetSessionToken\"}]"))
                .hasMessageContaining("action must be one of");
    }

    @Test
    void markdownCellsCannotBreakTheTableOrInjectMarkup() {
        assertThat(CheckReport.cell("a|b<img src=x>`code`@here\nnext\u202Eevil"))
                .isEqualTo("a\\|b&lt;img src=x&gt;\\`code\\`\\@here\\[U+000A\\]next\\[U+202E\\]evil");
    }
}
