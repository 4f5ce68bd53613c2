package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.report.TextReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of {@code events/} (one per cause of causes.md) diagnosed offline: verdict, cause
 * ids, policy types, statements, and the patch re-evaluated; then again in the realistic form real
 * failed records take (requestParameters null, the role ARN only in the message).
 */
class SampleEventsTest {
    static Stream<Samples> samples() throws IOException {
        return Samples.all();
    }

    @Test
    void everyCauseOfTheCatalogHasASample() throws IOException {
        Set<String> covered = new HashSet<>();
        for (Samples sample : Samples.all().toList()) {
            sample.expected().path("causes").forEach(c -> covered.add(c.path("id").asText()));
        }
        Set<String> catalog = new HashSet<>();
        for (CauseId id : CauseId.values()) {
            catalog.add(id.name());
        }
        assertThat(covered).containsAll(catalog);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void diagnosesTheSample(Samples sample) {
        JsonNode expected = sample.expected();
        Report report = sample.diagnose(sample.event());
        JsonNode json = JsonReport.render(report);
        assertThat(json.path("verdict").asText()).as("verdict").isEqualTo(expected.path("verdict").asText());
        assertThat(ids(json)).as("cause ids").containsExactlyInAnyOrderElementsOf(expectedIds(expected));
        for (JsonNode want : expected.path("causes")) {
            JsonNode got = causeWithId(json, want.path("id").asText());
            if (want.has("policyType")) {
                assertThat(got.path("policyType").asText()).as(want.path("id") + " policyType").isEqualTo(want.path("policyType").asText());
            }
            if (want.has("statement")) {
                assertThat(got.path("statement").asText()).as(want.path("id") + " statement").isEqualTo(want.path("statement").asText());
            }
            if (want.has("inferred")) {
                assertThat(got.path("inferred").asBoolean()).as(want.path("id") + " inferred").isEqualTo(want.path("inferred").asBoolean());
            }
            assertThat(got.path("explanation").asText()).isNotBlank();
        }
        assertThat(json.path("patches").size() > 0).as("patched").isEqualTo(expected.path("patched").asBoolean());
        if (expected.has("verified")) {
            assertThat(json.path("verified").asBoolean()).as("verified: " + json.path("verification")).isEqualTo(expected.path("verified").asBoolean());
        }
        if (expected.has("broadens")) {
            assertThat(json.path("broadens").asBoolean()).as("broadens: " + json.path("verification")).isEqualTo(expected.path("broadens").asBoolean());
        }
        if (expected.has("flag")) {
            assertThat(json.path("flags").toString()).contains(expected.path("flag").asText());
        }
        if (expected.has("awsAgrees")) {
            assertThat(json.path("aws").path("agrees").asBoolean()).as(json.path("aws").path("note").asText())
                    .isEqualTo(expected.path("awsAgrees").asBoolean());
        }
        for (JsonNode patch : json.path("patches")) {
            assertThat(patch.path("command").asText()).startsWith("aws ");
            assertThat(patch.path("diff").asText()).startsWith("--- a/");
            assertThat(patch.path("document").path("Statement").isArray()).isTrue();
        }
        assertThat(json.path("actions")).as("actions, each once").doesNotHaveDuplicates();
        String text = TextReport.render(report);
        assertThat(text).contains(expectedIds(expected).get(0));
        for (JsonNode secret : expected.path("secrets")) {
            assertThat(Json.compact(json)).doesNotContain(secret.asText());
            assertThat(text).doesNotContain(secret.asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void namesTheSameCausesFromTheRealisticRecord(Samples sample) {
        JsonNode json = JsonReport.render(sample.diagnose(Samples.realistic(sample.event())));
        List<String> expected = expectedIds(sample.expected());
        assertThat(ids(json)).as("realistic form of " + sample.name()).containsAll(expected);
        assertThat(json.path("actions")).as("actions, each once").doesNotHaveDuplicates();
        for (JsonNode secret : sample.expected().path("secrets")) {
            assertThat(Json.compact(json)).doesNotContain(secret.asText());
        }
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("causes").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static List<String> expectedIds(JsonNode expected) {
        List<String> ids = new ArrayList<>();
        expected.path("causes").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    private static JsonNode causeWithId(JsonNode report, String id) {
        for (JsonNode cause : report.path("causes")) {
            if (cause.path("id").asText().equals(id)) {
                return cause;
            }
        }
        throw new AssertionError("no cause " + id + " in " + report.path("causes"));
    }
}
