package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The central inspector in a warm container that has met 1,000 member accounts: it holds a bounded
 * number of per-account clients (least recently used closed first) and adds fewer than 20 threads
 * (well under 200 in all), because every client shares one HTTP client and one scheduler. AWS is a local endpoint that
 * answers STS with credentials and IAM with "no such entity", so only the clients' footprint counts.
 */
class ClientBoundTest {
    @Test
    void aThousandAccountsKeepThreadsAndClientsBounded() throws Exception {
        ExecutorService serverPool = Executors.newFixedThreadPool(4);
        HttpServer aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.setExecutor(serverPool);
        aws.createContext("/", ClientBoundTest::answer);
        aws.start();
        try {
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), Optional.of("assume-role-doctor-inspector"),
                    Optional.empty(), Map.of("*", URI.create("http://127.0.0.1:" + aws.getAddress().getPort())), Duration.ofMinutes(5),
                    Duration.ofSeconds(10), 4, List.of()));
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            long sdkBefore = sdkThreads();
            int peak = 0;
            for (int i = 0; i < 1_000; i++) {
                String account = String.format("5%011d", i);
                inspector.inspect(event(account));
                peak = Math.max(peak, ManagementFactory.getThreadMXBean().getThreadCount());
            }
            assertThat(inspector.openAccountClients()).isLessThanOrEqualTo(AwsClients.MAX_ACCOUNT_CLIENTS);
            // the suite's JVM runs other tests' threads too: what counts is what 1,000 accounts added
            assertThat(peak - before).as("threads the inspector added, from " + before).isLessThan(20);
            assertThat(sdkThreads() - sdkBefore).as("SDK scheduler threads started for 1,000 accounts").isLessThanOrEqualTo(1);
        } finally {
            aws.stop(0);
            serverPool.shutdownNow();
        }
    }

    private static long sdkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sdk-")).count();
    }

    private static AssumeRoleEvent event(String account) {
        String user = "arn:aws:iam::" + account + ":user/ci";
        String role = "arn:aws:iam::" + account + ":role/deploy";
        ParsedEvent parsed = EventParser.parse(Json.readTree("""
                {"eventSource":"sts.amazonaws.com","eventName":"AssumeRole","eventTime":"2026-11-30T10:00:00Z","awsRegion":"us-east-1",
                 "errorCode":"AccessDenied","errorMessage":"User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
                 "userIdentity":{"type":"IAMUser","arn":"%s","accountId":"%s"},"requestParameters":{"roleArn":"%s","roleSessionName":"ci"},
                 "eventID":"e-%s","recipientAccountId":"%s"}""".formatted(user, role, user, account, role, account, account)));
        return ((ParsedEvent.Applicable) parsed).event();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int status;
            String text;
            String type = "text/xml";
            if (target != null) {
                status = 400;
                type = "application/x-amz-json-1.1";
                text = "{\"__type\":\"AWSOrganizationsNotInUseException\",\"message\":\"not in an organization\"}";
            } else if (body.contains("Action=GetCallerIdentity")) {
                status = 200;
                text = "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:sts::999999999999:assumed-role/fn/x</Arn>"
                        + "<UserId>AROAFN:x</UserId><Account>999999999999</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";
            } else if (body.contains("Action=AssumeRole")) {
                status = 200;
                text = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
                        + "<SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>"
                        + "<Arn>arn:aws:sts::1:assumed-role/i/x</Arn><AssumedRoleId>AROAI:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                        + "</AssumeRoleResponse>";
            } else {
                status = 404;
                text = "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>none</Message></Error></ErrorResponse>";
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
