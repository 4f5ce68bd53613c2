package dev.assumeroledoctor.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The parts of a change as they come back, in the delivery ledger's table: one item for the change
 * ({@code watch#<event id>}: the accounts expected, how many parts are in, whether it was gathered)
 * and one per part ({@code watch#<event id>#<account>}: its result). A part is recorded once
 * whatever SQS redelivers: its item is written only if absent, in one transaction with the count.
 * Items expire with the table's TTL, a day after the change.
 */
public final class PartStore {
    /* DynamoDB keeps 400 KB an item: a part's broken records beyond this are counted, not kept */
    private static final int PART_BYTES = 300_000;
    private static final Duration KEEP = Duration.ofDays(1);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public PartStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** What is known of a change's parts. */
    public record State(List<String> accounts, List<String> gaps, long done, boolean gathered) {
        public boolean complete() {
            return done >= accounts.size();
        }
    }

    /** Records that a change was split into these accounts' parts (again on a retry: the first list stays). */
    public void start(String changeId, List<String> accounts, List<String> gaps) {
        Map<String, AttributeValue> item = key("watch#" + changeId);
        item.put("accounts", AttributeValue.fromS(String.join(",", accounts)));
        // what the split could not expand (an OU it could not list): said in the warning
        item.put("gaps", AttributeValue.fromS(Json.compact(Json.mapper().valueToTree(gaps))));
        item.put("done", AttributeValue.fromN("0"));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(clock.instant().plus(KEEP).getEpochSecond())));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException again) {
            // the change event was delivered again: its parts are already counted against the first split
        }
    }

    /** @return whether this part is new (a redelivered part counts once) */
    public boolean record(String changeId, ChangeWatch.Part part) {
        Map<String, AttributeValue> item = key("watch#" + changeId + "#" + part.account());
        item.put("result", AttributeValue.fromS(Json.compact(bounded(part))));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(clock.instant().plus(KEEP).getEpochSecond())));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key("watch#" + changeId)).updateExpression("ADD done :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.hasCancellationReasons() && e.cancellationReasons().stream().anyMatch(c -> "ConditionalCheckFailed".equals(c.code()))) {
                return false;
            }
            throw e;
        }
    }

    public Optional<State> state(String changeId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key("watch#" + changeId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String accounts = item.containsKey("accounts") ? item.get("accounts").s() : "";
        List<String> gaps = item.containsKey("gaps") ? Json.strings(Json.readTree(item.get("gaps").s())) : List.of();
        return Optional.of(new State(accounts.isEmpty() ? List.of() : List.of(accounts.split(",")), gaps, Long.parseLong(item.get("done").n()),
                item.containsKey("gathered")));
    }

    /** The parts that came back, read a hundred keys at a time (BatchGetItem's limit), unprocessed keys asked again. */
    public List<ChangeWatch.Part> parts(String changeId, List<String> accounts) {
        List<ChangeWatch.Part> parts = new ArrayList<>();
        for (int from = 0; from < accounts.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = accounts.subList(from, Math.min(accounts.size(), from + 100)).stream()
                    .map(a -> key("watch#" + changeId + "#" + a)).toList();
            Map<String, KeysAndAttributes> ask = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!ask.isEmpty()) {
                Map<String, KeysAndAttributes> asked = ask;
                var answer = dynamo.batchGetItem(r -> r.requestItems(asked));
                answer.responses().getOrDefault(table, List.of()).forEach(i -> parts.add(part(Json.readTree(i.get("result").s()))));
                ask = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
            }
        }
        return parts;
    }

    /** The change's warning was delivered: a later part or deadline gathers nothing more. */
    public void markGathered(String changeId) {
        dynamo.updateItem(r -> r.tableName(table).key(key("watch#" + changeId)).updateExpression("SET gathered = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
    }

    /*
     * A part as stored: its broken records kept while they fit an item, the rest said; beside each
     * kept record, the inspection it was evaluated against (gzip, base64) while that fits too. A
     * record without one is read again by the gatherer: slower, never lost.
     */
    private static ObjectNode bounded(ChangeWatch.Part part) {
        ObjectNode node = Json.mapper().createObjectNode().put("account", part.account());
        part.paths().forEach(node.putArray("paths")::add);
        var broken = node.putArray("broken");
        var evidence = node.putArray("evidence");
        var undetermined = node.putArray("undetermined");
        part.undetermined().forEach(undetermined::add);
        int bytes = 0;
        int dropped = 0;
        for (int i = 0; i < part.broken().size(); i++) {
            JsonNode record = part.broken().get(i);
            int size = Json.compact(record).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > PART_BYTES) {
                dropped++;
                continue;
            }
            bytes += size;
            broken.add(record);
            String kept = i < part.evidence().size() && part.evidence().get(i).isObject() ? Compressed.encode(part.evidence().get(i)) : null;
            if (kept != null && bytes + kept.length() <= PART_BYTES) {
                bytes += kept.length();
                evidence.add(kept);
            } else {
                evidence.addNull();
            }
        }
        if (dropped > 0) {
            undetermined.add(dropped + " more broken path(s) in account " + part.account() + " could not be kept for the warning:"
                    + " run 'assume-role-doctor watch --live' on the change for the whole list");
        }
        part.gaps().forEach(node.putArray("gaps")::add);
        return node;
    }

    private static ChangeWatch.Part part(JsonNode node) {
        List<JsonNode> broken = new ArrayList<>();
        node.path("broken").forEach(broken::add);
        List<JsonNode> evidence = new ArrayList<>();
        node.path("evidence").forEach(e -> evidence.add(e.isTextual() ? Compressed.decode(e.textValue())
                : com.fasterxml.jackson.databind.node.NullNode.getInstance()));
        return new ChangeWatch.Part(node.path("account").asText(), Json.strings(node.path("paths")), broken, Json.strings(node.path("undetermined")),
                Json.strings(node.path("gaps")), evidence);
    }

    private static Map<String, AttributeValue> key(String pk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        return key;
    }
}
