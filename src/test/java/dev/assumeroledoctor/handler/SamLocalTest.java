package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code sam local invoke} passes a {@code !Ref}'s logical id as the value of each environment
 * variable; {@code events/sam-local-env.json} overrides every one of them (for both functions), so each starts
 * with stdout delivery (and the credentials SAM passes). {@code sam build} runs the Makefile.
 */
class SamLocalTest {
    @Test
    void theEnvVarsFileOverridesEveryTemplateVariableSoTheFunctionStarts() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
        // the functions' environment is the template's Globals; the env-vars file's "Parameters" apply to every function
        JsonNode variables = template.at("/Globals/Function/Environment/Variables");
        assertThat(variables.size()).isGreaterThan(10);
        JsonNode overrides = Json.readTree(Files.readString(Path.of("events/sam-local-env.json"))).path("Parameters");
        Map<String, String> env = new HashMap<>();
        // what SAM local does without overrides: a !Ref becomes its logical id ("DiagnosisTopic")
        variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : "LogicalId"));
        variables.fieldNames().forEachRemaining(name -> {
            if (!name.equals("JAVA_TOOL_OPTIONS")) {
                assertThat(overrides.has(name)).as(name + " is overridden").isTrue();
            }
        });
        overrides.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        HandlerConfig config = HandlerConfig.fromEnvironment(env);
        assertThat(config.targets()).isEqualTo(List.of("stdout"));
        assertThat(config.suppressionTable()).isEmpty();
    }

    @Test
    void samBuildRunsTheMakefileThatPackagesTheShadedJar() throws Exception {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
        assertThat(template.at("/Resources/DiagnoseFunction/Metadata/BuildMethod").asText()).isEqualTo("makefile");
        String makefile = Files.readString(Path.of("Makefile"));
        assertThat(makefile).contains("build-DiagnoseFunction:").contains("-DskipTests").contains("$(ARTIFACTS_DIR)/lib/")
                .contains("jar --create --no-compress");
    }
}
