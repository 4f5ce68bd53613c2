package dev.assumeroledoctor.notify;

import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A Jira Cloud issue per diagnosis: {@code POST /rest/api/3/issue} with basic auth (account email
 * and API token, read from an SSM SecureString parameter — which also reaches Secrets Manager
 * through {@code /aws/reference/secretsmanager/…}).
 */
public final class JiraSink implements DiagnosisSink {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String projectKey;
    private final String issueType;
    private final Supplier<String> credentials;

    /** @param credentials gives "email:api-token" */
    public JiraSink(URI baseUrl, String projectKey, String issueType, Supplier<String> credentials) {
        this.baseUrl = baseUrl;
        this.projectKey = projectKey;
        this.issueType = issueType;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public void deliver(Notification notification) {
        post(Json.compact(JiraDocument.issue(notification, projectKey, issueType)), notification.messageId());
    }

    @Override
    public void deliver(AlertNotification alert) {
        post(Json.compact(ChangeAlerts.jira(alert, projectKey, issueType)), alert.messageId());
    }

    /*
     * Jira has no idempotency key: an issue whose creation answered late (or not at all) may exist.
     * Each issue carries the delivery's message id as a label, and a retry searches for it first
     * ("Search for issues using JQL enhanced search", GET /rest/api/3/search/jql).
     */
    private void post(String body, String messageId) {
        String auth = Base64.getEncoder().encodeToString(credentials.get().getBytes(StandardCharsets.UTF_8));
        if (exists(messageId, auth)) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/rest/api/3/issue"))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Jira did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Jira issue", e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Jira refused the issue: HTTP " + response.statusCode() + " "
                    + SafeText.line(response.body(), 300));
        }
    }

    private boolean exists(String messageId, String auth) {
        String jql = "project = \"" + projectKey + "\" AND labels = \"" + messageId + "\"";
        HttpRequest search = HttpRequest.newBuilder(baseUrl.resolve("/rest/api/3/search/jql?maxResults=1&fields=key&jql="
                        + java.net.URLEncoder.encode(jql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Basic " + auth).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(search, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Jira did not answer the search for an earlier issue: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching Jira", e);
        }
        if (response.statusCode() != 200) {
            // without knowing, creating could open a second issue: fail, and the invocation's retry asks again
            throw new IllegalStateException("Jira refused the search for an earlier issue: HTTP " + response.statusCode());
        }
        return Json.readTree(response.body()).path("issues").size() > 0;
    }
}
