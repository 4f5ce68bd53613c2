package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.ssm.SsmClient;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * moto has no OpsCenter, and Jira is not AWS: the exact requests are checked against local
 * endpoints — shape per the API references (SSM CreateOpsItem; Jira Cloud REST v3 "Create issue").
 */
class TicketPayloadTest {
    private final Notification notification = notification("scp-explicit-deny");

    @Test
    void createOpsItemRequestWithDedupString() throws Exception {
        try (LocalEndpoint ssm = new LocalEndpoint(200, "application/x-amz-json-1.1", "{\"OpsItemId\":\"oi-0123456789ab\"}")) {
            SsmClient client = SsmClient.builder().endpointOverride(ssm.uri()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
            new OpsItemSink(client).deliver(notification);
            LocalEndpoint.Request request = ssm.requests.get(0);
            assertThat(request.header("X-Amz-Target")).isEqualTo("AmazonSSM.CreateOpsItem");
            assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
            assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=testing/").contains("/us-east-1/ssm/aws4_request");
            JsonNode body = Json.readTree(request.body());
            assertThat(body.path("Source").asText()).isEqualTo("assume-role-doctor");
            assertThat(body.path("Title").asText()).startsWith("AssumeRole denied by an explicit Deny: ").hasSizeLessThanOrEqualTo(1024);
            assertThat(body.path("Description").asText()).hasSizeLessThanOrEqualTo(2048).contains("SCP_EXPLICIT_DENY");
            JsonNode dedup = body.path("OperationalData").path("/aws/dedup");
            assertThat(dedup.path("Type").asText()).isEqualTo("SearchableString");
            assertThat(Json.readTree(dedup.path("Value").asText()).path("dedupString").asText()).isEqualTo(notification.dedupKey());
            assertThat(body.path("OperationalData").path("patch1").path("Value").asText()).startsWith("aws organizations update-policy");
            assertThat(body.path("OperationalData").path("/aws/resources").path("Value").asText()).contains("arn:aws:iam::111111111111:role/deploy-role");
        }
    }

    @Test
    void createJiraIssueWithBasicAuthAndAnAdfDescription() throws Exception {
        try (LocalEndpoint jira = new LocalEndpoint(201, "application/json", "{\"id\":\"10001\",\"key\":\"SEC-7\"}")
                .answer("/rest/api/3/search/jql", 200, "{\"issues\":[]}")) {
            new JiraSink(jira.uri(), "SEC", "Task", () -> "bot@example.com:token-123").deliver(notification);
            // first the search for an issue an earlier attempt created (by the delivery's id), then the creation
            LocalEndpoint.Request search = jira.requests.get(0);
            assertThat(search.method()).isEqualTo("GET");
            assertThat(search.path()).isEqualTo("/rest/api/3/search/jql");
            assertThat(java.net.URLDecoder.decode(search.query(), StandardCharsets.UTF_8))
                    .contains("labels = \"" + notification.messageId() + "\"").contains("project = \"SEC\"");
            LocalEndpoint.Request request = jira.requests.get(1);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/rest/api/3/issue");
            assertThat(request.header("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("bot@example.com:token-123".getBytes(StandardCharsets.UTF_8)));
            JsonNode fields = Json.readTree(request.body()).path("fields");
            assertThat(fields.path("project").path("key").asText()).isEqualTo("SEC");
            assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Task");
            assertThat(fields.path("summary").asText()).hasSizeLessThanOrEqualTo(255).doesNotContain("\n");
            assertThat(fields.path("labels").toString()).contains("SCP_EXPLICIT_DENY").contains(notification.messageId());
            JsonNode description = fields.path("description");
            assertThat(description.path("type").asText()).isEqualTo("doc");
            assertThat(description.path("version").asInt()).isEqualTo(1);
            assertThat(description.toString()).contains("\"type\":\"codeBlock\"").contains("aws organizations update-policy");
        }
    }

    @Test
    void aJiraRefusalFailsTheDelivery() throws Exception {
        try (LocalEndpoint jira = new LocalEndpoint(401, "application/json", "{\"errorMessages\":[\"unauthorized\"]}")
                .answer("/rest/api/3/search/jql", 200, "{\"issues\":[]}")) {
            assertThatThrownBy(() -> new JiraSink(jira.uri(), "SEC", "Task", () -> "a:b").deliver(notification))
                    .hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void aRetryFindsTheIssueAnEarlierAttemptCreatedAndCreatesNoSecond() throws Exception {
        try (LocalEndpoint jira = new LocalEndpoint(201, "application/json", "{\"id\":\"10001\",\"key\":\"SEC-7\"}")
                .answer("/rest/api/3/search/jql", 200, "{\"issues\":[{\"id\":\"10001\",\"key\":\"SEC-7\"}]}")) {
            new JiraSink(jira.uri(), "SEC", "Task", () -> "a:b").deliver(notification);
            assertThat(jira.requests).extracting(LocalEndpoint.Request::method).containsExactly("GET");
        }
        // a search that fails leaves the outcome unknown: no issue is created, the delivery fails and is retried
        try (LocalEndpoint jira = new LocalEndpoint(201, "application/json", "{}").answer("/rest/api/3/search/jql", 503, "{}")) {
            assertThatThrownBy(() -> new JiraSink(jira.uri(), "SEC", "Task", () -> "a:b").deliver(notification)).hasMessageContaining("HTTP 503");
            assertThat(jira.requests).extracting(LocalEndpoint.Request::method).containsExactly("GET");
        }
    }

    @Test
    void anOpsItemThatOpsCenterAlreadyHoldsCountsAsDelivered() throws Exception {
        // OpsCenter's dedup string matched an open OpsItem ("Managing duplicate OpsItems"): a retried call opens no second one
        try (LocalEndpoint ssm = new LocalEndpoint(400, "application/x-amz-json-1.1",
                "{\"__type\":\"OpsItemAlreadyExistsException\",\"message\":\"exists\",\"OpsItemId\":\"oi-0123456789ab\"}")) {
            SsmClient client = SsmClient.builder().endpointOverride(ssm.uri()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
            new OpsItemSink(client).deliver(notification);
            assertThat(ssm.requests).hasSize(1);
        }
    }

    static Notification notification(String sampleName) {
        Samples sample = new Samples(Path.of("events", sampleName));
        return new Notification((Report.Diagnosed) sample.diagnose(sample.event()), "ard-test", 3, "ard-test-1");
    }
}
