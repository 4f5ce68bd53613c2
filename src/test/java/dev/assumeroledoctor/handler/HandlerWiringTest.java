package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The constructor Lambda uses, from environment variables: here offline, delivering to stdout. */
class HandlerWiringTest {
    @Test
    void theConfiguredHandlerDiagnosesAndDelivers() throws Exception {
        HandlerConfig config = HandlerConfig.fromEnvironment(Map.of("DELIVERY_TARGETS", "stdout",
                "OFFLINE_SNAPSHOT_DIR", "events/scp-no-allow"));
        DiagnosisHandler handler = new DiagnosisHandler(config);
        byte[] event = Files.readAllBytes(Path.of("events/scp-no-allow/event.json"));
        var result = handler.handle(event);
        assertThat(result.path("outcome").asText()).isEqualTo("delivered");
        assertThat(result.path("causes").asText()).isEqualTo("SCP_NO_ALLOW");
    }
}
