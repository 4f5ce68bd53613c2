package dev.assumeroledoctor.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Who notifies for a (caller, role, causes) window, and what has arrived, in one DynamoDB item per
 * key, across concurrent containers:
 * <ul>
 * <li>{@code claimed}: one attempt holds it — its own random {@code token} and a lease
 *     ({@code leaseUntil}) — and records each target it delivered ({@code delivered}). Another
 *     attempt takes over only once the lease has expired or was given back, and then sends only the
 *     targets still missing: two containers handling the same event at the same moment deliver it once;</li>
 * <li>{@code delivered}: every target has it; repeats in the window are counted, not sent.</li>
 * </ul>
 * A failed attempt gives its lease back; if even that fails, the lease expires by itself, well
 * within EventBridge's and Lambda's retries. {@code expiresAt} is the table's TTL attribute.
 */
public final class DeliveryLedger {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration window;
    private final Duration lease;
    private final Clock clock;

    public DeliveryLedger(DynamoDbClient dynamo, String table, Duration window, Duration lease, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.window = window;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * @param token       this attempt's own: only it may record, complete or release the claim
     * @param windowStart when this window began: with the key, a deterministic message id
     * @param repeats     identical failures suppressed in the previous window
     * @param delivered   targets an earlier attempt already delivered
     */
    public record Claim(String key, String token, long windowStart, long repeats, Set<String> delivered) {
        public Claim {
            delivered = Set.copyOf(delivered);
        }

        public String messageId() {
            return key + "-" + windowStart;
        }
    }

    /** What a claim came to: this attempt delivers, it is a repeat, or another attempt of the same event holds it now. */
    public sealed interface Outcome {
        record Granted(Claim claim) implements Outcome {
        }

        record Repeat() implements Outcome {
        }

        /** The same event is being delivered by another attempt right now: this one must fail and be retried. */
        record Busy() implements Outcome {
        }
    }

    /** The right to deliver for {@code key} (taking over an expired or given-back attempt), or why not. */
    public Outcome claim(String key, String eventId) {
        long now = now();
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = key(key);
        item.put("count", n(1));
        item.put("firstSeen", n(now));
        item.put("expiresAt", n(now + window.getSeconds()));
        item.put("token", s(token));
        item.put("event", s(eventId));
        item.put("state", s("claimed"));
        item.put("leaseUntil", n(now + lease.getSeconds()));
        try {
            Map<String, AttributeValue> old = dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now))).returnValues(ReturnValue.ALL_OLD)).attributes();
            long previous = old != null && old.containsKey("count") ? Long.parseLong(old.get("count").n()) - 1 : 0L;
            return new Outcome.Granted(new Claim(key, token, now, previous, Set.of()));
        } catch (ConditionalCheckFailedException held) {
            return takeOver(key, token, eventId, now);
        }
    }

    private Outcome takeOver(String key, String token, String eventId, long now) {
        try {
            Map<String, AttributeValue> a = dynamo.updateItem(r -> r.tableName(table).key(key(key))
                    .updateExpression("SET #t = :token, #e = :event, leaseUntil = :lease")
                    .conditionExpression("#s = :claimed AND leaseUntil < :now")
                    .expressionAttributeNames(Map.of("#t", "token", "#e", "event", "#s", "state"))
                    .expressionAttributeValues(Map.of(":token", s(token), ":event", s(eventId), ":lease", n(now + lease.getSeconds()),
                            ":claimed", s("claimed"), ":now", n(now)))
                    .returnValues(ReturnValue.ALL_NEW).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                    .attributes();
            Set<String> delivered = new HashSet<>(a.containsKey("delivered") ? a.get("delivered").ss() : Set.of());
            return new Outcome.Granted(new Claim(key, token, Long.parseLong(a.get("firstSeen").n()), 0L, delivered));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = e.hasItem() ? e.item()
                    : dynamo.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true)).item();
            boolean inFlight = "claimed".equals(Optional.ofNullable(current.get("state")).map(AttributeValue::s).orElse(""));
            if (inFlight && eventId.equals(Optional.ofNullable(current.get("event")).map(AttributeValue::s).orElse(""))) {
                return new Outcome.Busy();
            }
            dynamo.updateItem(r -> r.tableName(table).key(key(key)).updateExpression("ADD #c :one")
                    .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":one", n(1))));
            return new Outcome.Repeat();
        }
    }

    /*
     * CloudTrail events are delivered at least once (EventBridge retries, a member rule's
     * forwarding retries, two trails feeding two buses): each event id is remembered for longer
     * than EventBridge's 24-hour retry window, whatever the content window, so the same event
     * notifies once even after the snapshot changed.
     */
    static final Duration EVENT_MEMORY = Duration.ofHours(48);

    /** Whether this CloudTrail event was already handled (delivered, or counted as a repeat). */
    public boolean handled(String eventId) {
        return dynamo.getItem(r -> r.tableName(table).key(key("event#" + eventId)).consistentRead(true)).hasItem();
    }

    /** Remembers that this CloudTrail event was handled. */
    public void remember(String eventId) {
        Map<String, AttributeValue> item = key("event#" + eventId);
        item.put("expiresAt", n(now() + EVENT_MEMORY.getSeconds()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /**
     * The delivered key of an identical failure (same request signature) in the current window, if
     * any: a repeat is known before any IAM read or history lookup.
     */
    public Optional<String> recentRequest(String signature) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key("request#" + signature))).item();
        if (item == null || !item.containsKey("expiresAt") || Long.parseLong(item.get("expiresAt").n()) <= now()) {
            return Optional.empty();
        }
        return Optional.ofNullable(item.get("delivered")).map(AttributeValue::s);
    }

    /** This request signature was delivered under {@code key}: identical failures until the key's window ends are repeats. */
    public void rememberRequest(String signature, Claim claim) {
        Map<String, AttributeValue> item = key("request#" + signature);
        item.put("delivered", s(claim.key()));
        item.put("expiresAt", n(claim.windowStart() + window.getSeconds()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** A repeat known by its request signature: counted on the delivered key, so the next window reports it. */
    public void countRepeat(String key) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(key)).updateExpression("ADD #c :one").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":one", n(1))));
        } catch (ConditionalCheckFailedException expired) {
            // the window's item is gone (its TTL): nothing left to count on
        }
    }

    /** One target has it: a retry will not send it again. */
    public void delivered(Claim claim, String target) {
        dynamo.updateItem(r -> r.tableName(table).key(key(claim.key())).updateExpression("ADD delivered :t").conditionExpression("#t = :token")
                .expressionAttributeNames(Map.of("#t", "token"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(java.util.List.of(target)), ":token", s(claim.token()))));
    }

    /** Every target has it: repeats in the window are suppressed from now on. */
    public void complete(Claim claim) {
        dynamo.updateItem(r -> r.tableName(table).key(key(claim.key())).updateExpression("SET #s = :delivered, leaseUntil = :zero")
                .conditionExpression("#t = :token").expressionAttributeNames(Map.of("#t", "token", "#s", "state"))
                .expressionAttributeValues(Map.of(":delivered", s("delivered"), ":zero", n(0), ":token", s(claim.token()))));
    }

    /** The attempt failed: the lease is given back, so the next attempt need not wait for it to expire. */
    public void release(Claim claim) {
        dynamo.updateItem(r -> r.tableName(table).key(key(claim.key())).updateExpression("SET leaseUntil = :zero")
                .conditionExpression("#t = :token AND #s = :claimed").expressionAttributeNames(Map.of("#t", "token", "#s", "state"))
                .expressionAttributeValues(Map.of(":zero", n(0), ":token", s(claim.token()), ":claimed", s("claimed"))));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static Map<String, AttributeValue> key(String key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
