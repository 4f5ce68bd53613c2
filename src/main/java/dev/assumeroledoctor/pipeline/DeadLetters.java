package dev.assumeroledoctor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One message of the failure queue, replayed. Two shapes land there: an EventBridge dead letter,
 * whose body is the event itself ("Using dead-letter queues to process undelivered events"), and a
 * Lambda on-failure destination record, whose {@code requestPayload} is the event the function
 * failed on ("Capturing records of Lambda asynchronous invocations"). Either way the event goes
 * through the pipeline again; a message that cannot be read, or whose event fails again, is a
 * failure of the batch and stays queued.
 */
public final class DeadLetters {
    private static final Logger LOG = LogManager.getLogger(DeadLetters.class);
    private final EventPipeline pipeline;
    private final Optional<WatchParts> parts;

    public DeadLetters(EventPipeline pipeline) {
        this(pipeline, Optional.empty());
    }

    /** @param parts for the watch queue's own dead letters (a part or deadline that failed every retry) */
    public DeadLetters(EventPipeline pipeline, Optional<WatchParts> parts) {
        this.pipeline = pipeline;
        this.parts = parts;
    }

    /* A watch part that failed every retry on the watch queue, done again. */
    private boolean watchPart(String id, JsonNode message) {
        if (parts.isEmpty()) {
            LOG.warn("dead letter {} is a watch part, and this function has no watch queue: kept in the queue", id);
            return false;
        }
        try {
            parts.get().handle(message);
            LOG.info("dead letter {} replayed: a watch part", id);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("dead letter {} (a watch part) failed again ({}): kept in the queue", id, e.getClass().getSimpleName());
            return false;
        }
    }

    /** The event a message carries: the on-failure record's payload, or the body itself. */
    static JsonNode event(JsonNode body) {
        JsonNode payload = body.path("requestPayload");
        return payload.isObject() && body.has("requestContext") ? payload : body;
    }

    /** @return whether the message is done with (delivered, a known duplicate or repeat, or nothing to do) */
    public boolean replay(String messageId, String body) {
        String id = messageId == null ? "(no id)" : dev.assumeroledoctor.notify.SafeText.line(messageId, 100);
        JsonNode parsed;
        try {
            parsed = Json.readTree(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            LOG.warn("dead letter {} is not JSON ({} characters): kept in the queue", id, body == null ? 0 : body.length());
            return false;
        }
        if (WatchParts.isWatchMessage(parsed)) {
            return watchPart(id, parsed);
        }
        try {
            ObjectNode result = pipeline.handle(Json.compact(event(parsed)).getBytes(StandardCharsets.UTF_8));
            String outcome = result.path("outcome").asText();
            if (outcome.equals("skipped")) {
                LOG.warn("dead letter {} holds no event the function can read ({}): kept in the queue", id, result.path("reason").asText());
                return false;
            }
            LOG.info("dead letter {} replayed: {}", id, outcome);
            return true;
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("dead letter {} failed again ({}): kept in the queue", id, e.getClass().getSimpleName());
            return false;
        }
    }
}
