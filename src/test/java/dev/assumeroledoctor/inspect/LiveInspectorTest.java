package dev.assumeroledoctor.inspect;

import dev.assumeroledoctor.snapshot.Inspection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/** The live inspector against moto: caching, graceful degradation, self events, snapshot files. */
class LiveInspectorTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void aStormOfIdenticalEventsCostsTheIamCallsOfOne() throws Exception {
        MotoWorld.Loaded loaded = load("identity-no-allow");
        CallCounter counter = new CallCounter();
        LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint()), counter));
        DiagnosisService service = new DiagnosisService(inspector, inspector::selfEvent);
        service.diagnose(loaded.event());
        int first = counter.total("Iam");
        int organizations = counter.total("Organizations");
        assertThat(first).as("IAM calls of one diagnosis: %s", counter).isGreaterThan(5);
        for (int i = 0; i < 50; i++) {
            service.diagnose(loaded.event());
        }
        assertThat(counter.total("Iam")).as("IAM calls after 51 identical events: %s", counter).isEqualTo(first);
        assertThat(counter.total("Organizations")).isEqualTo(organizations);
    }

    @Test
    void anExpiredCacheReadsAgain() throws Exception {
        MotoWorld.Loaded loaded = load("identity-no-allow");
        CallCounter counter = new CallCounter();
        MutableClock clock = new MutableClock(Instant.now());
        LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint()), counter), clock);
        AssumeRoleEvent event = applicable(loaded.event());
        inspector.inspect(event);
        int first = counter.of("Iam:GetRole");
        clock.advance(Duration.ofMinutes(6));
        inspector.inspect(event);
        assertThat(counter.of("Iam:GetRole")).isEqualTo(2 * first);
    }

    @Test
    void anInspectorDeniedOnOrganizationsStillReportsWithInsufficientData() throws Exception {
        MotoWorld.Loaded loaded = load("scp-no-allow");
        HttpServer refusing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusing.createContext("/", exchange -> {
            byte[] body = "{\"__type\":\"AccessDeniedException\",\"Message\":\"You don't have permissions to access this resource.\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        refusing.start();
        try {
            URI orgs = URI.create("http://127.0.0.1:" + refusing.getAddress().getPort());
            LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint(), "organizations", orgs), new CallCounter()));
            JsonNode report = JsonReport.render(new DiagnosisService(inspector, inspector::selfEvent).diagnose(loaded.event()));
            JsonNode gap = first(report, "INSUFFICIENT_DATA");
            assertThat(gap.path("explanation").asText()).contains("organizations:DescribeOrganization").contains("AccessDenied");
            assertThat(report.path("request").path("roleArn").asText()).endsWith(":role/deploy-role");
            assertThat(report.path("verdict").asText()).isEqualTo("ALLOWED");
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void aRoleThatDoesNotExistIsRoleNotFoundNotMissingData() throws Exception {
        MotoWorld.Loaded loaded = load("role-not-found");
        LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint()), new CallCounter()));
        JsonNode report = JsonReport.render(new DiagnosisService(inspector, inspector::selfEvent).diagnose(loaded.event()));
        assertThat(report.path("causes").get(0).path("id").asText()).as(report.path("causes").toString()).isEqualTo("ROLE_NOT_FOUND");
        assertThat(report.path("causes").size()).isEqualTo(1);
    }

    @Test
    void theFunctionsOwnFailuresAreNeverDiagnosed() throws Exception {
        MotoWorld.Loaded loaded = load("identity-no-allow");
        LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint()), new CallCounter()));
        // moto's default identity is arn:aws:sts::123456789012:user/moto: an event whose caller is that
        String own = Json.compact(loaded.event()).replaceAll("\"arn\":\"arn:aws:iam::\\d{12}:user/ci-user\"", "\"arn\":\"arn:aws:sts::123456789012:user/moto\"");
        var report = new DiagnosisService(inspector, inspector::selfEvent).diagnose(Json.readTree(own));
        assertThat(JsonReport.render(report).path("verdict").asText()).isEqualTo("NOT_APPLICABLE");
        assertThat(JsonReport.render(report).path("reason").asText()).startsWith("the function's own call");
    }

    @Test
    void theSnapshotItWritesDiagnosesTheSameOffline() throws Exception {
        MotoWorld.Loaded loaded = load("condition-tags");
        LiveInspector inspector = new LiveInspector(config(loaded.world(), Map.of("*", MOTO.endpoint()), new CallCounter()));
        Inspection inspection = inspector.inspect(applicable(loaded.event()));
        Path dir = Files.createTempDirectory("written");
        inspection.write(dir);
        List<Path> iam;
        try (Stream<Path> files = Files.list(dir)) {
            iam = files.filter(f -> f.getFileName().toString().startsWith("iam-")).sorted().toList();
        }
        Snapshot offline = SnapshotFiles.load(iam, Optional.of(dir.resolve("org.json")));
        JsonNode fromFiles = JsonReport.render(new DiagnosisService(e -> offline).diagnose(loaded.event()));
        JsonNode live = JsonReport.render(new DiagnosisService(inspector).diagnose(loaded.event()));
        assertThat(fromFiles.path("causes")).isEqualTo(live.path("causes"));
        assertThat(fromFiles.path("patches")).isEqualTo(live.path("patches"));
        assertThat(live.path("causes").get(0).path("id").asText()).isEqualTo("CONDITION_TAGS");
    }

    private static MotoWorld.Loaded load(String name) throws Exception {
        MOTO.reset();
        return MotoWorld.load(MOTO.endpoint(), new Samples(Path.of("events", name)));
    }

    private static InspectorConfig config(MotoWorld world, Map<String, URI> endpoints, CallCounter counter) {
        return new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, Optional.of("assume-role-doctor-inspector"),
                Optional.of("arn:aws:iam::" + world.managementAccount() + ":role/assume-role-doctor-organizations"), endpoints,
                Duration.ofMinutes(5), Duration.ofSeconds(10), 8, List.of(counter));
    }

    private static AssumeRoleEvent applicable(JsonNode event) {
        return ((ParsedEvent.Applicable) EventParser.parse(event)).event();
    }

    private static JsonNode first(JsonNode report, String id) {
        for (JsonNode cause : report.path("causes")) {
            if (cause.path("id").asText().equals(id)) {
                return cause;
            }
        }
        throw new AssertionError("no " + id + " in " + report.path("causes"));
    }

    static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
