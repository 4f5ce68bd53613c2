package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.DiagnosisService;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /*
     * Not comparable in moto, each for a stated reason:
     * - user permissions boundaries: moto cannot set them (covered by UserBoundaryRequestTest);
     * - insufficient-data: its point is a managed policy the offline snapshot lacks, which moto serves;
     * - role-recently-changed: its point is a role's CreateDate, which moto sets to now.
     */
    private static final Set<String> NOT_IN_MOTO = Set.of("boundary-no-allow", "boundary-explicit-deny", "insufficient-data",
            "role-recently-changed");

    static Stream<Samples> samples() throws IOException {
        return Samples.all().filter(s -> !NOT_IN_MOTO.contains(s.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void liveDiagnosisMatchesOffline(Samples sample) throws Exception {
        MOTO.reset();
        MotoWorld world = new MotoWorld(MOTO.endpoint());
        Path dir = Files.createTempDirectory("live-" + sample.name());
        Path orgFile = sample.dir().resolve("org.json");
        if (Files.exists(orgFile)) {
            world.organization(Json.readTree(Files.readString(orgFile)));
            Files.writeString(dir.resolve("org.json"), world.rewrite(Files.readString(orgFile)));
        }
        List<Path> iamFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(sample.dir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("iam-")).sorted().toList()) {
                String text = world.rewrite(Files.readString(file));
                world.iam(Json.readTree(text));
                Path copy = dir.resolve(world.rewrite(file.getFileName().toString()));
                Files.writeString(copy, text);
                iamFiles.add(copy);
            }
        }
        // moto stamps every role with today's CreateDate: the event happens an hour later
        JsonNode event = MotoWorld.withEventTime(Json.readTree(world.rewrite(Json.compact(sample.event()))), Instant.now().plus(Duration.ofHours(1)));

        Snapshot offlineSnapshot = SnapshotFiles.load(iamFiles, Files.exists(dir.resolve("org.json")) ? Optional.of(dir.resolve("org.json")) : Optional.empty());
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
        String management = world.accountIds.keySet().stream().findFirst().orElse("999999999999");
        return new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, Optional.of("assume-role-doctor-inspector"),
                Optional.of("arn:aws:iam::" + management + ":role/assume-role-doctor-organizations"), Map.of("*", MOTO.endpoint()),
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
