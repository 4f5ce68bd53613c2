package dev.assumeroledoctor.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Who notifies for a (caller, role, causes) window, and what has arrived, in one DynamoDB item per
 * key, across concurrent containers:
 * <ul>
 * <li>{@code claimed}: an attempt holds a lease ({@code leaseUntil}) and records each target it
 *     delivered ({@code delivered}); a retry of the same event ({@code owner}) resumes at once with
 *     the targets still missing, and any attempt takes over once the lease has expired — a crashed
 *     or timed-out attempt never blocks the next;</li>
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
     * @param windowStart    when this window began: with the key, a deterministic message id
     * @param repeats        identical failures suppressed in the previous window
     * @param delivered      targets an earlier attempt of this event already delivered
     */
    public record Claim(String key, String owner, long windowStart, long repeats, Set<String> delivered) {
        public Claim {
            delivered = Set.copyOf(delivered);
        }

        public String messageId() {
            return key + "-" + windowStart;
        }
    }

    /** The right to deliver (resuming an earlier attempt of the same event), or empty for a repeat. */
    public Optional<Claim> claim(String key, String owner) {
        long now = now();
        try {
            PutItemResponse response = dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s(key), "count", n(1), "firstSeen", n(now), "expiresAt", n(now + window.getSeconds()),
                            "owner", s(owner), "state", s("claimed"), "leaseUntil", n(now + lease.getSeconds())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now)))
                    .returnValues(ReturnValue.ALL_OLD));
            long previous = response.hasAttributes() && response.attributes().containsKey("count")
                    ? Long.parseLong(response.attributes().get("count").n()) - 1 : 0L;
            return Optional.of(new Claim(key, owner, now, previous, Set.of()));
        } catch (ConditionalCheckFailedException inWindow) {
            return resume(key, owner, now);
        }
    }

    private Optional<Claim> resume(String key, String owner, long now) {
        try {
            UpdateItemResponse item = dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(key)))
                    .updateExpression("SET #o = :owner, leaseUntil = :lease")
                    .conditionExpression("#s = :claimed AND (#o = :owner OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#o", "owner", "#s", "state"))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":lease", n(now + lease.getSeconds()), ":claimed", s("claimed"),
                            ":now", n(now)))
                    .returnValues(ReturnValue.ALL_NEW));
            Map<String, AttributeValue> a = item.attributes();
            Set<String> delivered = a.containsKey("delivered") ? new HashSet<>(a.get("delivered").ss()) : Set.of();
            return Optional.of(new Claim(key, owner, Long.parseLong(a.get("firstSeen").n()), 0L, delivered));
        } catch (ConditionalCheckFailedException repeat) {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(key))).updateExpression("ADD #c :one")
                    .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":one", n(1))));
            return Optional.empty();
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
        return dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s("event#" + eventId))).consistentRead(true)).hasItem();
    }

    /** Remembers that this CloudTrail event was handled. */
    public void remember(String eventId) {
        long now = now();
        dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("event#" + eventId), "expiresAt", n(now + EVENT_MEMORY.getSeconds()))));
    }

    /** One target has it: a retry will not send it again. */
    public void delivered(Claim claim, String target) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(claim.key()))).updateExpression("ADD delivered :t")
                .conditionExpression("#o = :owner").expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.builder().ss(target).build(), ":owner", s(claim.owner()))));
    }

    /** Every target has it: repeats in the window are suppressed from now on. */
    public void complete(Claim claim) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(claim.key())))
                .updateExpression("SET #s = :delivered, leaseUntil = :zero")
                .conditionExpression("#o = :owner").expressionAttributeNames(Map.of("#o", "owner", "#s", "state"))
                .expressionAttributeValues(Map.of(":delivered", s("delivered"), ":zero", n(0), ":owner", s(claim.owner()))));
    }

    /** The attempt failed: the lease is given back, so the next attempt need not wait for it to expire. */
    public void release(Claim claim) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(claim.key()))).updateExpression("SET leaseUntil = :zero")
                .conditionExpression("#o = :owner AND #s = :claimed").expressionAttributeNames(Map.of("#o", "owner", "#s", "state"))
                .expressionAttributeValues(Map.of(":zero", n(0), ":owner", s(claim.owner()), ":claimed", s("claimed"))));
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
