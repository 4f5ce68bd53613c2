package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * LookupEvents answers two requests a second per account and region, for everyone in the account
 * ("CloudTrail quotas": LookupEvents, 2 transactions per second per account per region): two
 * containers (two pacers, their own DynamoDB clients) taking slots for the same account and region
 * from the ledger's table in moto get distinct slots half a second apart; another account or region
 * has slots of its own; a slot long past is taken at once.
 */
class SharedLookupPacerTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void twoContainersShareOneAccountsRate() throws Exception {
        MOTO.reset();
        client().createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<Long> slept = new ArrayList<>();
        SharedLookupPacer one = new SharedLookupPacer(client(), "ledger", clock, slept::add);
        SharedLookupPacer two = new SharedLookupPacer(client(), "ledger", clock, slept::add);
        List<Long> slots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slots.add(one.reserve("111111111111/us-east-1") - now.toEpochMilli());
            slots.add(two.reserve("111111111111/us-east-1") - now.toEpochMilli());
        }
        assertThat(slots).containsExactly(0L, 500L, 1_000L, 1_500L, 2_000L, 2_500L);
        assertThat(one.reserve("222222222222/us-east-1") - now.toEpochMilli()).isZero();
        assertThat(two.reserve("111111111111/eu-west-1") - now.toEpochMilli()).isZero();
        // await sleeps until the slot it was given
        one.await("111111111111/us-east-1");
        assertThat(slept).containsExactly(3_000L);
        // later than every slot taken: at once
        SharedLookupPacer later = new SharedLookupPacer(client(), "ledger", Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC), slept::add);
        assertThat(later.reserve("111111111111/us-east-1")).isEqualTo(now.plusSeconds(60).toEpochMilli());
    }

    private static DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
