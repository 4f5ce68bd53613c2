package dev.assumeroledoctor.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One notification per (caller, role, causes) and window, across concurrent containers: a
 * conditional write in DynamoDB decides who notifies, and repeats are counted on the item (whose
 * {@code expiresAt} is the table's TTL attribute).
 */
public final class Suppressor {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration window;
    private final Clock clock;

    public Suppressor(DynamoDbClient dynamo, String table, Duration window, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.window = window;
        this.clock = clock;
    }

    /** The right to notify, with the repeats suppressed in the previous window; empty when this one is a repeat. */
    public Optional<Long> claim(String key) {
        long now = clock.instant().getEpochSecond();
        try {
            PutItemResponse response = dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s(key), "count", n(1), "firstSeen", n(now), "expiresAt", n(now + window.getSeconds())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now)))
                    .returnValues(ReturnValue.ALL_OLD));
            return Optional.of(response.hasAttributes() && response.attributes().containsKey("count")
                    ? Long.parseLong(response.attributes().get("count").n()) - 1 : 0L);
        } catch (ConditionalCheckFailedException e) {
            dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(key))).updateExpression("ADD #c :one")
                    .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":one", n(1))));
            return Optional.empty();
        }
    }

    /** Gives the claim back when delivery failed, so the retry notifies instead of being suppressed. */
    public void release(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s(key))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
