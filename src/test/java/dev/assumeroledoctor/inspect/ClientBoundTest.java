package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.json.Json;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The central inspector in a warm container that has met 1,000 member accounts: it holds a bounded
 * number of per-account clients (least recently used closed first) and adds fewer than 20 threads
 * (well under 200 in all), because every client shares one HTTP client and one scheduler. AWS is
 * {@code LoopbackAws} (STS answers with credentials, IAM with "no such entity"), so only the
 * clients' own footprint counts.
 */
class ClientBoundTest {
    @Test
    void aThousandAccountsKeepThreadsAndClientsBounded() throws Exception {
        try (dev.assumeroledoctor.handler.LoopbackAws aws = dev.assumeroledoctor.handler.LoopbackAws.start()) {
            LiveInspector inspector = new LiveInspector(new InspectorConfig(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), Optional.of("assume-role-doctor-inspector"),
                    Optional.empty(), Map.of("*", aws.uri()), Duration.ofMinutes(5),
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
}
