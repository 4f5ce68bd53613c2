package dev.assumeroledoctor.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The watch queue: one message per account a change reaches ({@code watch-part}), and one message
 * delayed to the change's deadline ({@code watch-deadline}). Each message carries the change's own
 * record, so a worker needs nothing else to do its part. SendMessageBatch takes ten entries; an
 * entry SQS refused fails the split, so the change event is retried (parts are idempotent).
 */
public final class PartQueue {
    public static final String PART = "watch-part";
    public static final String DEADLINE = "watch-deadline";
    /* "SendMessageBatch": at most 10 messages a request; SQS delays a message at most 15 minutes */
    private static final int BATCH = 10;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /* a batch of ten stays under SendMessageBatch's 256 KB in all */
    private static final int RECORDS_BYTES = 20_000;
    private final SqsClient sqs;
    private final String queueUrl;

    public PartQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One message per account, in batches of ten. */
    public void send(JsonNode change, List<String> accounts) {
        send(change, accounts, java.util.Map.of());
    }

    /**
     * @param records each account's successes when the change's one read found them: they travel with the part
     *                while the message stays under SQS's 256 KB (else the worker reads its account itself)
     */
    public void send(JsonNode change, List<String> accounts, java.util.Map<String, List<JsonNode>> records) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (String account : accounts) {
            ObjectNode message = message(PART, change).put("account", account);
            if (records.containsKey(account)) {
                com.fasterxml.jackson.databind.node.ArrayNode carried = Json.mapper().createArrayNode();
                records.get(account).forEach(carried::add);
                if (Json.compact(carried).length() < RECORDS_BYTES) {
                    message.set("records", carried);
                }
            }
            batch.add(SendMessageBatchRequestEntry.builder().id(account).messageBody(Json.compact(message)).build());
            if (batch.size() == BATCH) {
                flush(batch);
            }
        }
        if (!batch.isEmpty()) {
            flush(batch);
        }
    }

    /** The message that gathers whatever came back, at the deadline (15 minutes at most: SQS's longest delay). */
    public void sendDeadline(JsonNode change, Duration after) {
        int seconds = (int) Math.min(after.getSeconds(), MAX_DELAY.getSeconds());
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(Json.compact(message(DEADLINE, change))).delaySeconds(seconds));
    }

    private static ObjectNode message(String kind, JsonNode change) {
        ObjectNode message = Json.mapper().createObjectNode().put("kind", kind);
        message.set("change", change);
        return message;
    }

    private void flush(List<SendMessageBatchRequestEntry> batch) {
        SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
        if (sent.hasFailed() && !sent.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + sent.failed().size() + " part message(s) of a change: " + sent.failed().get(0).code());
        }
        batch.clear();
    }
}
