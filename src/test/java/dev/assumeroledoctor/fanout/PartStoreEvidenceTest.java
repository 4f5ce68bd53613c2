package dev.assumeroledoctor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.watch.ChangeWatch;
import java.time.Clock;
import java.util.List;
import java.util.Random;
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
 * A part's evidence in DynamoDB (moto): kept compressed beside each broken record and read back as
 * it was; where it would not fit the item (DynamoDB's 400 KB), the record is kept without it, so the
 * gatherer reads that path again rather than losing it.
 */
class PartStoreEvidenceTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void evidenceComesBackAsItWasAndWhatDoesNotFitIsLeftOutNotTheRecord() throws Exception {
        MOTO.reset();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        dynamo.createTable(r -> r.tableName("ledger").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        PartStore store = new PartStore(dynamo, "ledger", Clock.systemUTC());
        store.start("c1", List.of("111111111111"), List.of());

        ObjectNode small = Json.mapper().createObjectNode();
        small.putObject("iam").putObject("111111111111").putArray("RoleDetailList").addObject().put("RoleName", "deploy".repeat(2_000));
        // random text does not compress: far more than an item holds
        byte[] noise = new byte[450_000];
        new Random(7).nextBytes(noise);
        ObjectNode huge = Json.mapper().createObjectNode();
        huge.putObject("iam").put("noise", java.util.Base64.getEncoder().encodeToString(noise));
        JsonNode first = Json.readTree("{\"eventID\":\"a\",\"eventName\":\"AssumeRole\"}");
        JsonNode second = Json.readTree("{\"eventID\":\"b\",\"eventName\":\"AssumeRole\"}");
        assertThat(store.record("c1", new ChangeWatch.Part("111111111111", List.of("p1", "p2"), List.of(first, second), List.of(), List.of(),
                List.of(huge, small)))).isTrue();

        ChangeWatch.Part back = store.parts("c1", List.of("111111111111")).get(0);
        assertThat(back.broken()).containsExactly(first, second);
        assertThat(back.evidence()).hasSize(2);
        assertThat(back.evidence().get(0).isNull()).isTrue();
        assertThat(back.evidence().get(1)).isEqualTo(small);
        assertThat(back.undetermined()).isEmpty();
    }
}
