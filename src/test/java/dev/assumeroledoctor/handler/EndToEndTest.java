package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.inspect.MotoWorld;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.notify.DiagnosisDelivery;
import dev.assumeroledoctor.notify.SnsSink;
import dev.assumeroledoctor.notify.DeliveryLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The handler end to end against moto: the EventBridge event in, IAM and Organizations inspected
 * live, the SNS message read back (through an SQS subscription) carrying the expected causes in
 * valid custom-notification JSON, and a repeat within the window suppressed through DynamoDB.
 */
class EndToEndTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    static Stream<Samples> samples() throws Exception {
        return MotoWorld.reproducible();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void deliversTheDiagnosisToSnsOnceAndSuppressesTheRepeat(Samples sample) throws Exception {
        World world = world(sample);
        String out = invoke(world.handler, world.event);
        assertThat(Json.readTree(out).path("outcome").asText()).isEqualTo("delivered");
        List<Message> messages = receive(world);
        assertThat(messages).hasSize(1);
        JsonNode envelope = Json.readTree(messages.get(0).body());
        assertThat(envelope.path("Subject").asText()).startsWith("AssumeRole ");
        JsonNode chat = Json.readTree(envelope.path("Message").asText());
        assertThat(chat.path("version").asText()).isEqualTo("1.0");
        assertThat(chat.path("source").asText()).isEqualTo("custom");
        assertThat(chat.path("content").path("textType").asText()).isEqualTo("client-markdown");
        assertThat(chat.path("content").path("title").asText()).isNotBlank().doesNotContain("\n");
        assertThat(chat.path("content").path("description").asText()).isNotBlank();
        List<String> keywords = new ArrayList<>();
        chat.path("content").path("keywords").forEach(k -> keywords.add(k.asText()));
        List<String> expected = new ArrayList<>();
        sample.expected().path("causes").forEach(c -> expected.add(c.path("id").asText()));
        assertThat(keywords).containsAll(expected);
        assertThat(envelope.path("MessageAttributes").path("verdict").path("Value").asText()).isEqualTo(sample.expected().path("verdict").asText());

        // the same CloudTrail event again (at-least-once delivery): handled once, across containers
        assertThat(Json.readTree(invoke(world.handler, world.event)).path("outcome").asText()).isEqualTo("duplicate");
        // another failure of the same caller, role and causes within the window: counted, not sent
        String repeat = world.event.replace(Json.readTree(world.event).path("detail").path("eventID").asText(), "a1b2c3d4-0000-4000-8000-000000000001");
        assertThat(Json.readTree(invoke(world.handler, repeat)).path("outcome").asText()).isEqualTo("suppressed");
        assertThat(receive(world)).isEmpty();
    }

    @Test
    void aFailedDeliveryFailsTheInvocationAndGivesTheClaimBack() throws Exception {
        World world = world(new Samples(Path.of("events/identity-no-allow")));
        DiagnosisHandler broken = handler(world, "arn:aws:sns:us-east-1:123456789012:no-such-topic");
        assertThatThrownBy(() -> invoke(broken, world.event)).isInstanceOf(RuntimeException.class);
        // the retry (with the topic back) notifies instead of being taken for a repeat
        assertThat(Json.readTree(invoke(world.handler, world.event)).path("outcome").asText()).isEqualTo("delivered");
        assertThat(receive(world)).hasSize(1);
    }

    @Test
    void aMalformedEventIsSkippedAndTheInvocationSucceeds() throws Exception {
        World world = world(new Samples(Path.of("events/identity-no-allow")));
        assertThat(Json.readTree(invoke(world.handler, "{\"detail-type\": ")).path("outcome").asText()).isEqualTo("skipped");
        assertThat(Json.readTree(invoke(world.handler, "{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}}"))
                .path("outcome").asText()).isEqualTo("not-applicable");
        assertThat(receive(world)).isEmpty();
    }

    private record World(DiagnosisHandler handler, String event, SqsClient sqs, String queueUrl, DynamoDbClient dynamo, String topicArn,
                         MotoWorld aws) {
    }

    private static World world(Samples sample) throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), sample);
        MotoWorld aws = loaded.world();
        SnsClient sns = client(SnsClient.builder());
        SqsClient sqs = client(SqsClient.builder());
        DynamoDbClient dynamo = client(DynamoDbClient.builder());
        String topic = sns.createTopic(r -> r.name("diagnoses")).topicArn();
        String queueUrl = sqs.createQueue(r -> r.queueName("subscriber")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        dynamo.createTable(r -> r.tableName("suppression").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        String event = Json.compact(loaded.event());
        World partial = new World(null, event, sqs, queueUrl, dynamo, topic, aws);
        return new World(handler(partial, topic), event, sqs, queueUrl, dynamo, topic, aws);
    }

    private static DiagnosisHandler handler(World world, String topic) {
        LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS,
                Optional.of("assume-role-doctor-inspector"), Optional.of("arn:aws:iam::" + world.aws.managementAccount() + ":role/org-reader"),
                Map.of("*", MOTO.endpoint()), Duration.ofMinutes(5), Duration.ofSeconds(10), 4, List.of()));
        DiagnosisDelivery delivery = new DiagnosisDelivery(List.of(new SnsSink(client(SnsClient.builder()), topic)),
                Optional.of(new DeliveryLedger(client(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()), "suppression", Duration.ofHours(1), Duration.ofSeconds(90), Clock.systemUTC())));
        return new DiagnosisHandler(new DiagnosisService(inspector, inspector::selfEvent), delivery);
    }

    private static List<Message> receive(World world) {
        List<Message> messages = world.sqs.receiveMessage(r -> r.queueUrl(world.queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        messages.forEach(m -> world.sqs.deleteMessage(r -> r.queueUrl(world.queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    private static String invoke(DiagnosisHandler handler, String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
