package dev.assumeroledoctor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.handler.DiagnosisHandler;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.logging.LogCapture;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.StdoutSink;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 generated events, malformed and hostile, through the real handler with a fixed seed: none
 * escapes it (no exception, no error), and no log line carries an ExternalId, whatever the input.
 */
class HandlerFuzzTest {
    private static final int EVENTS = 10_000;
    private static final String SECRET = "EXTID-SECRET-7f3a";
    private final Random random = new Random(424242L);

    @Test
    void tenThousandHostileEventsNeverEscapeTheHandlerNorLeakAnExternalId() throws Exception {
        try (LogCapture log = new LogCapture()) {
            List<Samples> samples = Samples.all().toList();
            List<DiagnosisHandler> handlers = new ArrayList<>();
            for (Samples sample : samples) {
                Snapshot snapshot = sample.snapshot();
                handlers.add(new DiagnosisHandler(new DiagnosisService(e -> snapshot),
                        new DiagnosisDelivery(List.of(new StdoutSink(new PrintStream(OutputStream.nullOutputStream()))), Optional.empty())));
            }
            int escapes = 0;
            List<String> first = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                int which = random.nextInt(samples.size());
                byte[] input = mutate(samples.get(which).event());
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    handlers.get(which).handleRequest(new ByteArrayInputStream(input), out, null);
                    assertThat(Json.readTree(out.toString(StandardCharsets.UTF_8)).path("outcome").asText()).isNotEmpty();
                } catch (Throwable t) {
                    escapes++;
                    if (first.size() < 5) {
                        first.add(t.getClass().getName() + ": " + t.getMessage());
                    }
                }
            }
            assertThat(escapes).as("escapes, e.g. " + first).isZero();
            assertThat(log.text()).contains("\"level\"").doesNotContain(SECRET).doesNotContain("EXTID");
        }
    }

    private byte[] mutate(JsonNode sample) {
        ObjectNode event = sample.deepCopy();
        ObjectNode detail = (ObjectNode) event.get("detail");
        if (!(detail.get("requestParameters") instanceof ObjectNode)) {
            detail.putObject("requestParameters");
        }
        ((ObjectNode) detail.get("requestParameters")).put("externalId", SECRET);
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            switch (random.nextInt(12)) {
                case 0 -> replaceRandom(event, hostile());
                case 1 -> removeRandom(event);
                case 2 -> replaceRandom(event, wrongType());
                case 3 -> identity(detail).put("arn", pick("arn:aws:sts::111111111111:assumed-role",
                        "arn:aws:sts::111111111111:assumed-role/", "", "arn:", "arn:aws:iam::", "arn:aws:sts::x:assumed-role//", SECRET));
                case 4 -> detail.put("errorMessage", "User: arn:aws:iam::1:user/a is not authorized to perform: " + "a.".repeat(2_000 + random.nextInt(60_000)));
                case 5 -> detail.put("errorMessage", "x".repeat(100_000 + random.nextInt(100_000)) + SECRET);
                case 6 -> detail.put("eventTime", pick("", "yesterday", "2024-13-45T99:99:99Z", SECRET));
                case 7 -> identity(detail).put("type", pick("Root", "AWSService", "AWSAccount", "WebIdentityUser",
                        "SAMLUser", "AssumedRole", "FederatedUser", "IAMUser", "Unknown", SECRET));
                case 8 -> detail.put("eventName", pick("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "GetObject", SECRET));
                case 9 -> params(detail).put("roleArn", pick("arn:aws:iam::111111111111:role/" + SECRET,
                        "not-an-arn " + SECRET, "arn:aws:iam::111111111111:role/", ""));
                case 10 -> detail.set("userIdentity", pick(Json.mapper().createObjectNode(), Json.mapper().createArrayNode(),
                        Json.mapper().getNodeFactory().textNode(SECRET)));
                default -> params(detail).putArray("tags").addObject().put("key", hostile()).put("value", SECRET);
            }
        }
        String text = Json.compact(event);
        int form = random.nextInt(10);
        if (form == 0) {
            return text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8); // cut short: not JSON
        }
        if (form == 1) {
            byte[] bytes = new byte[random.nextInt(2_000)];
            random.nextBytes(bytes);
            return (new String(bytes, StandardCharsets.ISO_8859_1) + SECRET).getBytes(StandardCharsets.ISO_8859_1);
        }
        if (form == 2) {
            return ("[".repeat(5_000) + "\"" + SECRET + "\"").getBytes(StandardCharsets.UTF_8);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode params(ObjectNode detail) {
        if (!(detail.get("requestParameters") instanceof ObjectNode)) {
            detail.putObject("requestParameters");
        }
        return (ObjectNode) detail.get("requestParameters");
    }

    private static ObjectNode identity(ObjectNode detail) {
        if (!(detail.get("userIdentity") instanceof ObjectNode)) {
            detail.putObject("userIdentity");
        }
        return (ObjectNode) detail.get("userIdentity");
    }

    private String hostile() {
        return pick("<!channel>", "\u202E" + SECRET, "\r\nVerdict: ALLOWED", "a".repeat(70_000), "\uD800", "${jndi:ldap://x}", "*", "?",
                "arn:aws:iam::*:role/*", "\u0000", "😀".repeat(1_000));
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(5)) {
            case 0 -> Json.mapper().getNodeFactory().numberNode(random.nextLong());
            case 1 -> Json.mapper().createArrayNode().add(SECRET);
            case 2 -> Json.mapper().createObjectNode().put("x", SECRET);
            case 3 -> Json.mapper().getNodeFactory().nullNode();
            default -> Json.mapper().getNodeFactory().booleanNode(true);
        };
    }

    private void replaceRandom(ObjectNode root, Object value) {
        ObjectNode target = randomObject(root);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        if (value instanceof JsonNode node) {
            target.set(name, node);
        } else {
            target.put(name, (String) value);
        }
    }

    private void removeRandom(ObjectNode root) {
        ObjectNode target = randomObject(root);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            target.remove(names.get(random.nextInt(names.size())));
        }
    }

    private ObjectNode randomObject(ObjectNode root) {
        ObjectNode current = root;
        for (int depth = 0; depth < 4; depth++) {
            List<ObjectNode> children = new ArrayList<>();
            for (Iterator<JsonNode> it = current.elements(); it.hasNext(); ) {
                JsonNode child = it.next();
                if (child instanceof ObjectNode o) {
                    children.add(o);
                } else if (child instanceof ArrayNode a && a.size() > 0 && a.get(0) instanceof ObjectNode o) {
                    children.add(o);
                }
            }
            if (children.isEmpty() || random.nextInt(3) == 0) {
                return current;
            }
            current = children.get(random.nextInt(children.size()));
        }
        return current;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
