package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.check.PathChecker;
import dev.assumeroledoctor.check.PathResult;
import dev.assumeroledoctor.check.PathSpec;
import dev.assumeroledoctor.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The verdict never claims more than the causes: a report that cannot settle the outcome is
 * UNDETERMINED, a Deny statement that decided makes it EXPLICIT_DENY with or without the record's
 * request parameters ("Policy evaluation logic": an explicit deny in any policy overrides any
 * allow), and a pre-flight path that is open carries no cause.
 */
class VerdictTest {
    @Test
    void aReportThatDependsOnMissingDataIsUndetermined() {
        Samples sample = new Samples(Path.of("events/insufficient-data"));
        Report.Diagnosed report = (Report.Diagnosed) sample.diagnose(sample.event());
        assertThat(report.diagnosis().has(CauseId.INSUFFICIENT_DATA)).isTrue();
        assertThat(report.diagnosis().verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void aReportWhoseOnlyCauseIsAGapIsUndetermined() {
        // identity-no-allow without the role account's IAM file: nothing is known of the role
        Samples sample = new Samples(Path.of("events/identity-no-allow"));
        var snapshot = dev.assumeroledoctor.snapshot.SnapshotFiles.load(List.of(sample.dir().resolve("iam-222222222222.json")),
                Optional.of(sample.dir().resolve("org.json")));
        Report report = new dev.assumeroledoctor.service.DiagnosisService(e -> snapshot).diagnose(sample.event());
        Diagnosis d = ((Report.Diagnosed) report).diagnosis();
        assertThat(d.causes()).extracting(Cause::id).containsOnly(CauseId.INSUFFICIENT_DATA);
        assertThat(d.verdict()).isEqualTo(Verdict.UNDETERMINED);
    }

    @Test
    void aDenyStatementThatDecidedIsExplicitWithOrWithoutRequestParameters() {
        for (String name : List.of("trust-explicit-deny", "identity-explicit-deny", "boundary-explicit-deny", "scp-explicit-deny")) {
            Samples sample = new Samples(Path.of("events", name));
            for (JsonNode event : List.of(sample.event(), Samples.realistic(sample.event()))) {
                Report.Diagnosed report = (Report.Diagnosed) sample.diagnose(event);
                assertThat(report.diagnosis().verdict()).as(name).isEqualTo(Verdict.EXPLICIT_DENY);
            }
        }
    }

    @Test
    void anOpenPreFlightPathCarriesNoCause() {
        Samples sample = new Samples(Path.of("events/condition-external-id"));
        PathSpec open = new PathSpec("arn:aws:iam::222222222222:role/ci/ci-runner", "arn:aws:iam::111111111111:role/deploy-role", "sts:AssumeRole",
                Map.of(), true, false, Map.of(), Optional.empty(), PathSpec.Expectation.ALLOW);
        var snapshot = sample.snapshot();
        PathResult result = new PathChecker(e -> snapshot, s -> s, java.time.Instant.parse("2026-12-07T12:00:00Z")).check(open);
        assertThat(result.outcome()).isEqualTo(PathResult.Outcome.ALLOW);
        assertThat(result.report().diagnosis().causes()).isEmpty();
    }
}
