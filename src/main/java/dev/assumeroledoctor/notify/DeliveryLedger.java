package dev.assumeroledoctor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.awsjson.AwsJsonApi;
import dev.assumeroledoctor.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
 * within EventBridge's and Lambda's retries. {@code expiresAt} is the table's TTL attribute. The
 * calls are DynamoDB's JSON API over {@link AwsJsonApi} (the SDK's DynamoDB client weighed 2.4 MB
 * of the jar for these five operations).
 */
public final class DeliveryLedger {
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";
    private final AwsJsonApi dynamo;
    private final String table;
    private final Duration window;
    private final Duration lease;
    private final Clock clock;

    public DeliveryLedger(AwsJsonApi dynamo, String table, Duration window, Duration lease, Clock clock) {
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
        ObjectNode put = request();
        put.set("Item", item(key).<ObjectNode>set("count", n(1)).<ObjectNode>set("firstSeen", n(now))
                .<ObjectNode>set("expiresAt", n(now + window.getSeconds())).<ObjectNode>set("owner", s(owner))
                .<ObjectNode>set("state", s("claimed")).set("leaseUntil", n(now + lease.getSeconds())));
        put.put("ConditionExpression", "attribute_not_exists(pk) OR expiresAt < :now").put("ReturnValues", "ALL_OLD");
        put.putObject("ExpressionAttributeValues").set(":now", n(now));
        try {
            JsonNode old = dynamo.call("PutItem", put).path("Attributes");
            long previous = old.has("count") ? Long.parseLong(old.path("count").path("N").asText("1")) - 1 : 0L;
            return Optional.of(new Claim(key, owner, now, previous, Set.of()));
        } catch (AwsJsonApi.CallFailed e) {
            if (!CONDITION_FAILED.equals(e.code())) {
                throw e;
            }
            return resume(key, owner, now);
        }
    }

    private Optional<Claim> resume(String key, String owner, long now) {
        ObjectNode update = keyed(key, "SET #o = :owner, leaseUntil = :lease", "#s = :claimed AND (#o = :owner OR leaseUntil < :now)");
        update.putObject("ExpressionAttributeNames").put("#o", "owner").put("#s", "state");
        update.putObject("ExpressionAttributeValues").<ObjectNode>set(":owner", s(owner)).<ObjectNode>set(":lease", n(now + lease.getSeconds()))
                .<ObjectNode>set(":claimed", s("claimed")).set(":now", n(now));
        update.put("ReturnValues", "ALL_NEW");
        try {
            JsonNode a = dynamo.call("UpdateItem", update).path("Attributes");
            Set<String> delivered = new HashSet<>(Json.strings(a.path("delivered").path("SS")));
            return Optional.of(new Claim(key, owner, Long.parseLong(a.path("firstSeen").path("N").asText("0")), 0L, delivered));
        } catch (AwsJsonApi.CallFailed e) {
            if (!CONDITION_FAILED.equals(e.code())) {
                throw e;
            }
            ObjectNode count = keyed(key, "ADD #c :one", null);
            count.putObject("ExpressionAttributeNames").put("#c", "count");
            count.putObject("ExpressionAttributeValues").set(":one", n(1));
            dynamo.call("UpdateItem", count);
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
        ObjectNode get = request();
        get.set("Key", item("event#" + eventId));
        get.put("ConsistentRead", true);
        return dynamo.call("GetItem", get).path("Item").size() > 0;
    }

    /** Remembers that this CloudTrail event was handled. */
    public void remember(String eventId) {
        ObjectNode put = request();
        put.set("Item", item("event#" + eventId).set("expiresAt", n(now() + EVENT_MEMORY.getSeconds())));
        dynamo.call("PutItem", put);
    }

    /** One target has it: a retry will not send it again. */
    public void delivered(Claim claim, String target) {
        ObjectNode update = keyed(claim.key(), "ADD delivered :t", "#o = :owner");
        update.putObject("ExpressionAttributeNames").put("#o", "owner");
        ObjectNode values = update.putObject("ExpressionAttributeValues");
        values.putObject(":t").putArray("SS").add(target);
        values.set(":owner", s(claim.owner()));
        dynamo.call("UpdateItem", update);
    }

    /** Every target has it: repeats in the window are suppressed from now on. */
    public void complete(Claim claim) {
        ObjectNode update = keyed(claim.key(), "SET #s = :delivered, leaseUntil = :zero", "#o = :owner");
        update.putObject("ExpressionAttributeNames").put("#o", "owner").put("#s", "state");
        update.putObject("ExpressionAttributeValues").<ObjectNode>set(":delivered", s("delivered")).<ObjectNode>set(":zero", n(0))
                .set(":owner", s(claim.owner()));
        dynamo.call("UpdateItem", update);
    }

    /** The attempt failed: the lease is given back, so the next attempt need not wait for it to expire. */
    public void release(Claim claim) {
        ObjectNode update = keyed(claim.key(), "SET leaseUntil = :zero", "#o = :owner AND #s = :claimed");
        update.putObject("ExpressionAttributeNames").put("#o", "owner").put("#s", "state");
        update.putObject("ExpressionAttributeValues").<ObjectNode>set(":zero", n(0)).<ObjectNode>set(":owner", s(claim.owner()))
                .set(":claimed", s("claimed"));
        dynamo.call("UpdateItem", update);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private ObjectNode request() {
        return Json.mapper().createObjectNode().put("TableName", table);
    }

    /* An UpdateItem request on one key; a null condition is none. */
    private ObjectNode keyed(String key, String update, String condition) {
        ObjectNode request = request();
        request.set("Key", item(key));
        request.put("UpdateExpression", update);
        if (condition != null) {
            request.put("ConditionExpression", condition);
        }
        return request;
    }

    private static ObjectNode item(String key) {
        ObjectNode item = Json.mapper().createObjectNode();
        item.set("pk", s(key));
        return item;
    }

    private static ObjectNode s(String value) {
        return Json.mapper().createObjectNode().put("S", value);
    }

    private static ObjectNode n(long value) {
        return Json.mapper().createObjectNode().put("N", Long.toString(value));
    }
}
