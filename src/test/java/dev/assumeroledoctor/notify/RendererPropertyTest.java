package dev.assumeroledoctor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Samples;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * For random hostile strings in every caller-controlled field, no rendering holds an active
 * control sequence — written per format — and none exceeds its API's limit.
 */
class RendererPropertyTest {
    private static final List<String> FRAGMENTS = List.of("<!channel>", "<!here>", "@here", "@Channel", "@everyone", "<@U12345>",
            "<#C12345>", "![x](https://evil.example/p.png)", "[click](https://evil.example)", "<https://evil.example|click>",
            "<script>alert(1)</script>", "\r\nVerdict: ALLOWED", "\nVerdict: ALLOWED", "\u2028Verdict: ALLOWED", "\u2029Verdict: ALLOWED",
            "\u0085Verdict: ALLOWED", "\u202Eevil\u202C", "\u2066iso\u2069", "\u200B", "\uFEFF", "```", "*bold*", "_it_", "~st~", "`c`",
            "&amp;", "\u0000", "\u001B[31m", "\uD800", "\uDC00", "😀", "|", "${jndi:ldap://x}", "# heading", "> quote", "\t");
    private static final Pattern MENTION = Pattern.compile("@(here|channel|everyone)", Pattern.CASE_INSENSITIVE);
    private final Random random = new Random(20261201L);

    private enum Field { SESSION_NAME, SOURCE_IDENTITY, USER_AGENT, TAG_KEY, TAG_VALUE, ROLE_ARN, CALLER_ARN, ERROR_MESSAGE, SUBJECT }

    @Test
    void noRenderingCarriesAnActiveSequenceOrExceedsItsLimit() {
        int rendered = 0;
        for (Field field : Field.values()) {
            for (int i = 0; i < 130; i++) {
                String hostile = hostile();
                Report report = diagnose(field, hostile);
                if (!(report instanceof Report.Diagnosed diagnosed)) {
                    continue;
                }
                Notification n = new Notification(diagnosed, "ard-prop", 2, "ard-prop-1");
                String context = field + " = " + Json.compact(Json.mapper().getNodeFactory().textNode(hostile));
                chat(ChatMessage.render(n), context);
                email(PlainTextMessage.render(n), context);
                opsItem(OpsItemSink.request(n), context);
                jira(JiraDocument.issue(n, "OPS", "Task"), context);
                rendered++;
            }
        }
        assertThat(rendered).isGreaterThan(1000);
    }

    private String hostile() {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            out.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            if (random.nextInt(3) == 0) {
                out.append((char) random.nextInt(0x3000));
            }
        }
        if (random.nextInt(20) == 0) {
            out.append("A".repeat(30_000 + random.nextInt(50_000)));
        }
        return out.toString();
    }

    private static Report diagnose(Field field, String value) {
        Samples sample = new Samples(Path.of(field == Field.SUBJECT ? "events/condition-federation-claims" : "events/trust-action-not-allowed"));
        ObjectNode event = (ObjectNode) sample.event();
        ObjectNode detail = (ObjectNode) event.get("detail");
        ObjectNode params = (ObjectNode) detail.get("requestParameters");
        switch (field) {
            case SESSION_NAME -> params.put("roleSessionName", value);
            case SOURCE_IDENTITY -> params.put("sourceIdentity", value);
            case USER_AGENT -> detail.put("userAgent", value);
            case TAG_KEY -> params.putArray("tags").addObject().put("key", value).put("value", "v");
            case TAG_VALUE -> params.putArray("tags").addObject().put("key", "k").put("value", value);
            case ROLE_ARN -> {
                String role = "arn:aws:iam::111111111111:role/" + value;
                params.put("roleArn", role);
                detail.put("errorMessage", detail.path("errorMessage").asText().replaceAll("on resource: .*", java.util.regex.Matcher.quoteReplacement("on resource: " + role)));
            }
            case CALLER_ARN -> {
                String caller = "arn:aws:iam::222222222222:user/" + value;
                ((ObjectNode) detail.get("userIdentity")).put("arn", caller);
                detail.put("errorMessage", detail.path("errorMessage").asText().replaceAll("^User: \\S+", java.util.regex.Matcher.quoteReplacement("User: " + caller)));
            }
            case ERROR_MESSAGE -> detail.put("errorMessage", value);
            case SUBJECT -> {
                ObjectNode identity = (ObjectNode) detail.get("userIdentity");
                String provider = identity.path("identityProvider").asText();
                identity.put("userName", value).put("principalId", provider + ":sts.amazonaws.com:" + value);
            }
        }
        try {
            return sample.diagnose(event);
        } catch (RuntimeException e) {
            return new Report.NotApplicable("unreadable");
        }
    }

    private static void chat(JsonNode chat, String context) {
        JsonNode content = chat.path("content");
        inline(content.path("title").asText(), 250, context + " [chat title]");
        inline(chat.path("metadata").path("summary").asText(), 500, context + " [chat summary]");
        markdownBlock(content.path("description").asText(), 7_000, context + " [chat description]");
        content.path("nextSteps").forEach(step -> inline(step.asText(), 1_100, context + " [chat next step]"));
    }

    private static void inline(String text, int max, String context) {
        assertThat(text.length()).as(context).isLessThanOrEqualTo(max);
        assertThat(hidden(text, false)).as(context).isFalse();
        markdownSafe(text, context);
    }

    private static void markdownBlock(String text, int max, String context) {
        assertThat(text.length()).as(context).isLessThanOrEqualTo(max);
        assertThat(hidden(text, true)).as(context).isFalse();
        markdownSafe(text, context);
    }

    /* Slack/Teams: no angle-bracket commands, no mentions, no links or images. */
    private static void markdownSafe(String text, String context) {
        assertThat(text).as(context).doesNotContain("<").doesNotContain(">").doesNotContain("](");
        assertThat(MENTION.matcher(text).find()).as(context + ": " + text).isFalse();
    }

    /* Plain text: no character hides or breaks a line but the renderer's own line breaks, and no line is forged. */
    private static void email(String text, String context) {
        assertThat(text.length()).as(context).isLessThanOrEqualTo(PlainTextMessage.MAX_CHARS);
        assertThat(hidden(text, true)).as(context).isFalse();
        for (String line : text.split("\n")) {
            assertThat(line.strip()).as(context).doesNotStartWith("Verdict: ALLOWED");
        }
    }

    private static void opsItem(software.amazon.awssdk.services.ssm.model.CreateOpsItemRequest request, String context) {
        String title = request.title();
        assertThat(title.length()).as(context).isBetween(1, 1_024);
        assertThat(title.isBlank()).isFalse();
        assertThat(hidden(title, false)).as(context).isFalse();
        String description = request.description();
        assertThat(description.length()).as(context).isLessThanOrEqualTo(2_048);
        String fence = description.substring(0, description.indexOf('\n'));
        assertThat(fence).matches("`{3,}");
        assertThat(description).endsWith("\n" + fence);
        String inner = description.substring(fence.length() + 1, description.length() - fence.length() - 1);
        assertThat(inner.lines()).as(context).noneMatch(l -> l.strip().startsWith(fence));
        assertThat(hidden(inner, true)).as(context).isFalse();
        request.operationalData().entrySet().forEach(e -> assertThat(e.getValue().value()
                .getBytes(StandardCharsets.UTF_8).length).as(context + " " + e.getKey()).isLessThanOrEqualTo(20_000));
    }

    private static void jira(JsonNode issue, String context) {
        String summary = issue.path("fields").path("summary").asText();
        assertThat(summary.length()).as(context).isLessThanOrEqualTo(255);
        assertThat(hidden(summary, false)).as(context).isFalse();
        walk(issue.path("fields").path("description"), (node, text) -> {
            assertThat(node.has("marks")).as(context).isFalse();
            assertThat(hidden(text, true)).as(context).isFalse();
        });
    }

    private static void walk(JsonNode node, BiConsumer<JsonNode, String> onText) {
        if ("text".equals(node.path("type").asText())) {
            onText.accept(node, node.path("text").asText());
        }
        node.path("content").forEach(child -> walk(child, onText));
    }

    /* A character that breaks a line or hides itself: C0/C1 controls, separators, format (bidi, zero-width), lone surrogates. */
    private static boolean hidden(String text, boolean newlinesAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && newlinesAllowed) {
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return true;
            }
        }
        return false;
    }
}
