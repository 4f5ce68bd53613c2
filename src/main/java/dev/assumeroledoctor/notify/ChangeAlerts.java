package dev.assumeroledoctor.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.ImpactReport;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Bounded;
import java.util.stream.Collectors;

/**
 * The renderings of a change warning for every target: who made which change, each caller it
 * breaks with the cause (policy and statement) and the verified patch that restores exactly that
 * path, and what could not be checked. Every caller-controlled text is escaped for its format and
 * bounded, as in a diagnosis.
 */
public final class ChangeAlerts {
    private ChangeAlerts() {
    }

    /** An SNS Subject: ASCII, one line, under 100 characters. */
    static String subject(ChangeImpact impact) {
        if (impact.broken().isEmpty()) {
            // told only because accounts could not be checked: the subject never claims a caller is broken
            return Summaries.subjectLine("Policy change " + impact.change().eventName() + ": " + impact.unchecked().size()
                    + " account(s) could not be checked");
        }
        return Summaries.subjectLine("Policy change " + impact.change().eventName() + " breaks " + impact.broken().size()
                + " AssumeRole caller" + (impact.broken().size() == 1 ? "" : "s"));
    }

    /** The Amazon Q Developer custom notification. */
    static ObjectNode chat(AlertNotification notification) {
        ChangeImpact impact = notification.impact();
        PolicyChange c = impact.change();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", "1.0").put("source", "custom").put("id", notification.dedupKey());
        ObjectNode content = root.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", Bounded.text(":warning: " + c.eventName() + " breaks " + impact.broken().size() + " AssumeRole caller(s)",
                ChatMessage.TITLE_MAX));
        StringBuilder d = new StringBuilder();
        d.append("*Change* ").append(SafeText.code(c.eventName(), 60)).append(" in ").append(SafeText.code(c.account(), 20)).append(" by ")
                .append(SafeText.code(c.actor(), 300)).append('\n');
        impact.broken().stream().limit(10).forEach(b -> d.append("• ").append(SafeText.code(b.caller(), 250)).append(" → ")
                .append(SafeText.code(b.role(), 250)).append(": ").append(SafeText.markdown(b.report().diagnosis().causes().stream()
                        .map(x -> x.id().name()).distinct().collect(Collectors.joining(", ")), 200)).append('\n'));
        if (impact.broken().size() > 10) {
            d.append("_… and ").append(impact.broken().size() - 10).append(" more: see the email or ticket._\n");
        }
        if (!impact.unchecked().isEmpty()) {
            d.append("_").append(impact.unchecked().size()).append(" account(s) not checked: see the email or ticket._\n");
        }
        if (!impact.undetermined().isEmpty() || !impact.gaps().isEmpty()) {
            d.append("_").append(impact.undetermined().size()).append(" path(s) could not be checked, ")
                    .append(impact.gaps().size()).append(" part(s) of the history not read._\n");
        }
        impact.bounds().forEach(b -> d.append("_").append(SafeText.markdown(b, 300)).append("._\n"));
        content.put("description", Bounded.text(d.toString(), ChatMessage.DESCRIPTION_MAX));
        ArrayNode steps = content.putArray("nextSteps");
        impact.broken().stream().flatMap(b -> b.report().remediation().patches().stream().map(p -> ChatMessage.step(p, b.report().iacOf(p))))
                .limit(ChatMessage.STEPS_MAX).forEach(steps::add);
        content.putArray("keywords").add("PolicyChange").add(SafeText.line(c.eventName(), 60));
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("threadId", notification.dedupKey()).put("eventType", "AssumeRolePathsBroken")
                .put("summary", Bounded.text(impact.broken().size() + " AssumeRole caller(s) broken by " + c.eventName(), 500));
        metadata.putObject("additionalContext").put("eventId", SafeText.line(c.eventId(), 100)).put("account", SafeText.line(c.account(), 20))
                .put("broken", impact.broken().size()).put("checked", impact.checked());
        return root;
    }

    /** The CreateOpsItem request. */
    static software.amazon.awssdk.services.ssm.model.CreateOpsItemRequest opsItem(AlertNotification notification) {
        ChangeImpact impact = notification.impact();
        java.util.Map<String, software.amazon.awssdk.services.ssm.model.OpsItemDataValue> data = new java.util.LinkedHashMap<>();
        data.put("/aws/dedup", OpsItemSink.dedup(notification.dedupKey()));
        data.put("change", OpsItemSink.value(software.amazon.awssdk.services.ssm.model.OpsItemDataType.SEARCHABLE_STRING,
                SafeText.line(impact.change().eventName() + " " + impact.change().eventId(), 200)));
        return OpsItemSink.request(SafeText.line(subject(impact), OpsItemSink.TITLE_MAX),
                SafeText.fenced(ImpactReport.text(impact), OpsItemSink.DESCRIPTION_MAX), "2", data);
    }

    /** The Jira issue: the text rendering in a code block, which Jira never reads as markup. */
    static ObjectNode jira(AlertNotification notification, String projectKey, String issueType) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", projectKey);
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", SafeText.line(subject(notification.impact()), 255));
        fields.putArray("labels").add("assume-role-doctor").add("policy-change").add(notification.messageId());
        ObjectNode doc = fields.putObject("description");
        doc.put("type", "doc").put("version", 1);
        ObjectNode block = doc.putArray("content").addObject();
        block.put("type", "codeBlock");
        block.putArray("content").addObject().put("type", "text").put("text", SafeText.lines(ImpactReport.text(notification.impact()), 30_000));
        return body;
    }
}
