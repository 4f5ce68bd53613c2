package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.regions.Region;

/**
 * Every sample of {@code events/}, loaded into moto through the IAM and Organizations APIs and
 * diagnosed live, names the same causes and proposes the same patches as offline.
 */
class LiveParityTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    static Stream<Samples> samples() throws IOException {
        return MotoWorld.reproducible();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void liveDiagnosisMatchesOffline(Samples sample) throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), sample);
        MotoWorld world = loaded.world();
        JsonNode event = loaded.event();
        // offline: the sample's own files, with moto's account ids
        Path dir = Files.createTempDirectory("live-" + sample.name());
        Path orgFile = sample.dir().resolve("org.json");
        if (Files.exists(orgFile)) {
            Files.writeString(dir.resolve("org.json"), world.rewrite(Files.readString(orgFile)));
        }
        for (Path file : world.iamFiles(sample)) {
            Files.writeString(dir.resolve(world.rewrite(file.getFileName().toString())), world.rewrite(Files.readString(file)));
        }
        Snapshot offlineSnapshot = SnapshotFiles.loadDirectory(dir);
        JsonNode offline = JsonReport.render(new DiagnosisService(e -> offlineSnapshot).diagnose(event));
        LiveInspector inspector = new LiveInspector(config(world));
        JsonNode live = JsonReport.render(new DiagnosisService(inspector, inspector::selfEvent).diagnose(event));

        assertThat(live.path("verdict").asText()).as("verdict; live causes " + live.path("causes")).isEqualTo(offline.path("verdict").asText());
        assertThat(causes(live)).as("causes").containsExactlyInAnyOrderElementsOf(causes(offline));
        assertThat(patches(live)).as("patches").containsExactlyInAnyOrderElementsOf(patches(offline));
        assertThat(live.path("verified")).isEqualTo(offline.path("verified"));
        assertThat(live.path("broadens")).isEqualTo(offline.path("broadens"));
    }

    static InspectorConfig config(MotoWorld world) {
        return new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, Optional.of("assume-role-doctor-inspector"),
                Optional.of("arn:aws:iam::" + world.managementAccount() + ":role/assume-role-doctor-organizations"), Map.of("*", MOTO.endpoint()),
                Duration.ofMinutes(5), Duration.ofSeconds(30), 8, List.of());
    }

    private static List<String> causes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("causes").forEach(c -> out.add(c.path("id").asText() + "|" + c.path("policyType").asText() + "|"
                + c.path("statement").asText() + "|" + c.path("inferred").asText()));
        return out;
    }

    private static List<String> patches(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("patches").forEach(p -> out.add(p.path("policyType").asText() + "|" + p.path("fixes")));
        return out;
    }
}
