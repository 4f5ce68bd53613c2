package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.handler.DiagnosisHandler;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Everything a caller controls is hostile: session names and tags with Slack and Jira markup,
 * broadcast mentions, newlines, 64 KiB strings, bytes that are not UTF-8. Every output is escaped
 * and bounded, the ExternalId never appears, and nothing of the diagnosis is lost.
 */
class HostileInputTest {
    private static final String MARKUP = "x\n<!channel> *bold* _it_ ~s~ `code` <https://evil.example|click> @here [link|http://evil] {code}";
    private static final String HUGE = "A".repeat(64 * 1024);
    private static final String SECRET = "ext-secret-9f8e7d";

    @Test
    void everyRenderingIsEscapedAndBounded() {
        Report.Diagnosed report = diagnose(hostileEvent());
        Notification notification = new Notification(report, "ard-hostile", 0, "ard-hostile-1");
        JsonNode chat = ChatMessage.render(notification);
        String title = chat.path("content").path("title").asText();
        String description = chat.path("content").path("description").asText();
        assertThat(title).doesNotContain("\n").hasSizeLessThanOrEqualTo(ChatMessage.TITLE_MAX);
        assertThat(Json.compact(chat)).doesNotContain("<!channel>").doesNotContain("<https://evil").doesNotContain("@here")
                .doesNotContain(SECRET);
        assertThat(description).hasSizeLessThanOrEqualTo(ChatMessage.DESCRIPTION_MAX);
        chat.path("content").path("nextSteps").forEach(step -> assertThat(step.asText()).hasSizeLessThanOrEqualTo(ChatMessage.STEP_MAX + 420));
        String email = PlainTextMessage.render(notification);
        assertThat(email).hasSizeLessThanOrEqualTo(PlainTextMessage.MAX_CHARS + 100).doesNotContain(SECRET);
        assertThat(email.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(2_100));
        JsonNode jira = JiraDocument.issue(notification, "SEC", "Task");
        assertThat(jira.path("fields").path("summary").asText()).doesNotContain("\n").hasSizeLessThanOrEqualTo(255);
        assertThat(Json.compact(jira)).doesNotContain(SECRET);
        assertThat(report.diagnosis().causes()).extracting(c -> c.id().name()).contains("TRUST_ACTION_NOT_ALLOWED");
    }

    @Test
    void theHandlerDeliversInvalidUtf8AndHugeInputEscaped() throws Exception {
        // splice bytes that are not UTF-8 (C3 28 FF) into the session name
        byte[] withBadBytes = Json.compact(hostileEvent()).replace("HOSTILE-BYTES", "\u00C3\u0028\u00FF").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Samples sample = new Samples(Path.of("events/trust-action-not-allowed"));
        var snapshot = sample.snapshot();
        DiagnosisHandler handler = new DiagnosisHandler(new dev.assumeroledoctor.service.DiagnosisService(e -> snapshot),
                new DiagnosisDelivery(List.of(new StdoutSink(new PrintStream(printed, true, StandardCharsets.UTF_8))), Optional.empty()));
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(withBadBytes), result, null);
        assertThat(Json.readTree(result.toString(StandardCharsets.UTF_8)).path("outcome").asText()).as(result.toString(StandardCharsets.UTF_8)).isEqualTo("delivered");
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("<!channel>").doesNotContain(SECRET).doesNotContain("\u0000");
        assertThat(out.length()).isLessThan(200_000);
    }

    @Test
    void theReportsOwnLineBreaksStayLineBreaks() throws Exception {
        for (Samples sample : Samples.all().toList()) {
            String text = dev.assumeroledoctor.report.TextReport.render(sample.diagnose(sample.event()));
            assertThat(text).as(sample.name()).doesNotContain("[U+").contains("\nWhy:\n");
        }
    }

    @Test
    void markdownEscapes() {
        assertThat(SafeText.markdown("<!channel> & *b* @Here ![x](https://evil.example/p.png)", 100))
                .isEqualTo("&lt;!channel&gt; &amp; \u2217b\u2217 \uFF20Here !\uFF3Bx\uFF3D(https://evil.example/p.png)");
        assertThat(SafeText.code("a`b<c>", 100)).isEqualTo("`a'b&lt;c&gt;`");
        // line breaks of every kind and bidi/zero-width characters are shown, never acted on
        assertThat(SafeText.line("a\r\nb\u202Ec\u2028d\u0085e\u200Bf", 100)).isEqualTo("a[U+000D][U+000A]b[U+202E]c[U+2028]d[U+0085]e[U+200B]f");
        assertThat(SafeText.line("x".repeat(50), 30)).startsWith("xxxxxxxx").endsWith("(50 characters, cut)").hasSize(30);
        assertThat(SafeText.line("\uD800x", 10)).isEqualTo("\uFFFDx");
        assertThat(SafeText.fenced("```\n<script>", 100)).isEqualTo("````\n```\n<script>\n````");
    }

    private static ObjectNode hostileEvent() {
        Samples sample = new Samples(Path.of("events/trust-action-not-allowed"));
        ObjectNode event = (ObjectNode) sample.event();
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("userAgent", MARKUP + HUGE);
        ObjectNode params = (ObjectNode) detail.get("requestParameters");
        params.put("roleSessionName", "HOSTILE-BYTES" + MARKUP);
        params.put("externalId", SECRET);
        params.put("sourceIdentity", MARKUP);
        params.putArray("tags").addObject().put("key", MARKUP).put("value", HUGE);
        return event;
    }

    private static Report.Diagnosed diagnose(JsonNode event) {
        Samples sample = new Samples(Path.of("events/trust-action-not-allowed"));
        return (Report.Diagnosed) sample.diagnose(event);
    }
}
