package dev.assumeroledoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.diagnosis.Verdict;
import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/report.schema.json (the README points at it) says what the JSON report holds: its verdicts
 * and cause ids are exactly the code's, and every sample's report — as recorded and with the
 * record's requestParameters null — has no field the schema does not declare, and principalArn
 * matches its pattern.
 */
class ReportSchemaTest {
    private static final JsonNode SCHEMA = read(Path.of("docs/report.schema.json"));

    @Test
    void theSchemasEnumsAreTheCodes() {
        assertThat(Json.strings(SCHEMA.at("/properties/verdict/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Verdict.values()).map(Enum::name).toList());
        assertThat(Json.strings(SCHEMA.at("/properties/causes/items/properties/id/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(CauseId.values()).map(Enum::name).toList());
    }

    @Test
    void everySamplesReportHasOnlyDeclaredFields() throws Exception {
        Set<String> top = names(SCHEMA.path("properties"));
        Set<String> request = names(SCHEMA.at("/properties/request/properties"));
        Set<String> cause = names(SCHEMA.at("/properties/causes/items/properties"));
        for (Samples sample : Samples.all().toList()) {
            for (JsonNode event : List.of(sample.event(), Samples.realistic(sample.event()))) {
                JsonNode report = JsonReport.render(sample.diagnose(event));
                assertThat(names(report)).as(sample.name()).isSubsetOf(top);
                assertThat(names(report.path("request"))).as(sample.name()).isSubsetOf(request);
                report.path("causes").forEach(c -> assertThat(names(c)).as(sample.name()).isSubsetOf(cause));
                if (report.path("request").has("principalArn")) {
                    assertThat(report.at("/request/principalArn").asText()).matches(SCHEMA.at("/properties/request/properties/principalArn/pattern")
                            .asText() + ".*");
                }
            }
        }
    }

    @Test
    void theIacSectionHasOnlyDeclaredFieldsAndEveryRequiredOne() {
        JsonNode iac = SCHEMA.at("/properties/patches/items/properties/iac");
        Samples sample = new Samples(Path.of("events/trust-principal-not-trusted"));
        var snapshot = sample.snapshot();
        for (String stack : List.of("DeployStack", "OtherStack")) {
            // the stack's template defines the role (cloudformation), or no template does (none)
            var planner = new dev.assumeroledoctor.iac.IacPlanner(stack.equals("DeployStack")
                    ? new dev.assumeroledoctor.iac.GivenTemplates(java.util.Map.of(stack, Path.of("src/test/resources/iac/deploy-stack.yaml")))
                    : new dev.assumeroledoctor.iac.GivenTemplates(java.util.Map.of()), dev.assumeroledoctor.iac.IacPlanner.DEFAULT_TAG_KEYS);
            JsonNode report = JsonReport.render(new dev.assumeroledoctor.service.DiagnosisService(e -> snapshot).withIac(planner)
                    .diagnose(sample.event()));
            JsonNode section = report.at("/patches/0/iac");
            assertThat(names(section)).as(stack).isSubsetOf(names(iac.path("properties")));
            assertThat(names(section)).as(stack).containsAll(Json.strings(iac.path("required")));
            assertThat(Json.strings(iac.at("/properties/kind/enum"))).contains(section.path("kind").asText());
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new HashSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return Json.readTree(Files.readString(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
