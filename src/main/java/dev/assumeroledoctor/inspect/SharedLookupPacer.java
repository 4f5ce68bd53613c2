package dev.assumeroledoctor.inspect;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * CloudTrail's two LookupEvents a second per account and region, kept by every container at once:
 * the next free slot of each account and region is an item of the ledger's table
 * ({@code pace#<account>/<region>}), taken with a conditional write — a slot already past is
 * taken at once, otherwise the next one is reserved atomically ({@code SET slot = slot + spacing})
 * and waited for. Workers, diagnoses and change watches in any number of containers then share the
 * account's rate instead of each pacing alone. Slots expire with the table's TTL.
 */
final class SharedLookupPacer implements CloudTrailHistory.Pacer {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final LongConsumer sleep;

    SharedLookupPacer(DynamoDbClient dynamo, String table, Clock clock, LongConsumer sleep) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.sleep = sleep;
    }

    @Override
    public void await(String key) {
        long slot = reserve(key);
        long wait = slot - clock.millis();
        if (wait > 0) {
            sleep.accept(wait);
        }
    }

    /** The slot (epoch milliseconds) reserved for this lookup. */
    long reserve(String key) {
        long now = clock.millis();
        long spacing = CloudTrailHistory.LookupPacer.SPACING.toMillis();
        Map<String, AttributeValue> pk = new HashMap<>();
        pk.put("pk", AttributeValue.fromS("pace#" + key));
        String expires = Long.toString(clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
        try {
            dynamo.updateItem(r -> r.tableName(table).key(pk).updateExpression("SET slot = :next, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(slot) OR slot <= :now")
                    .expressionAttributeValues(Map.of(":next", n(now + spacing), ":now", n(now), ":expires", AttributeValue.fromN(expires))));
            return now;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> next = dynamo.updateItem(r -> r.tableName(table).key(pk).updateExpression("SET slot = slot + :spacing")
                    .expressionAttributeValues(Map.of(":spacing", n(spacing))).returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Long.parseLong(next.get("slot").n()) - spacing;
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
