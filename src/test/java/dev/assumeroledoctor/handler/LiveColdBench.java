package dev.assumeroledoctor.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.inspect.MotoWorld;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.service.DiagnosisService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The first live diagnosis of a JVM against later ones (bench/live-first.sh), against moto: in
 * {@code load} mode it writes a sample's world into moto (its own JVM, so the measured one has
 * loaded no SDK class); in {@code measure} mode it runs the same diagnosis six times, the cache
 * cleared before each, optionally after SnapStart's priming ({@code --primed}, as the snapshot
 * would hold it), and prints the first and the median of the later ones.
 */
public final class LiveColdBench {
    private LiveColdBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[1]);
        Path out = Path.of(args[2]);
        if (args[0].equals("load")) {
            MotoWorld.Loaded loaded = MotoWorld.load(endpoint, new Samples(Path.of(args[3])));
            Files.writeString(out, Json.compact(Json.mapper().createObjectNode().put("management", loaded.world().managementAccount())
                    .set("event", loaded.event())));
            return;
        }
        JsonNode world = Json.readTree(Files.readString(out));
        boolean primed = args.length > 3 && args[3].equals("--primed");
        if (primed) {
            SdkPriming.prime(Json.readTree(new String(Priming.class.getResourceAsStream("/priming/event.json").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + world.path("management").asText() + ":role/org-reader"),
                Map.of("*", endpoint), Duration.ofMinutes(5), Duration.ofSeconds(20), 24, List.of()));
        inspector.identify("arn:aws:lambda:us-east-1:123456789012:function:assume-role-doctor", "assume-role-doctor");
        DiagnosisService service = new DiagnosisService(inspector, inspector::selfEvent);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inspector.clearCache();
            long start = System.nanoTime();
            service.diagnose(world.get("event"));
            millis.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> later = new ArrayList<>(millis.subList(1, millis.size()));
        later.sort(null);
        System.out.printf("%s first %.0f ms, later (median of 5) %.0f ms, ratio %.1f%n", primed ? "primed:  " : "unprimed:", millis.get(0),
                later.get(2), millis.get(0) / later.get(2));
    }
}
