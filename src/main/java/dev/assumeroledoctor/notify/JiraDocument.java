package dev.assumeroledoctor.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.CallerAction;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.Remediation;

/**
 * The Jira Cloud REST v3 issue body: the description is an Atlassian Document Format tree, so
 * caller-controlled text sits in text nodes and is never parsed as wiki markup.
 */
public final class JiraDocument {
    private JiraDocument() {
    }

    public static ObjectNode issue(Notification notification, String projectKey, String issueType) {
        Diagnosis d = notification.report().diagnosis();
        Remediation r = notification.report().remediation();
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", projectKey);
        fields.putObject("issuetype").put("name", issueType);
        fields.put("summary", SafeText.line("AssumeRole " + Summaries.verdict(d) + ": " + Summaries.roleName(d), 255));
        ArrayNode labels = fields.putArray("labels");
        labels.add("assume-role-doctor");
        // the delivery's own id: a retry finds the issue it may already have created (JiraSink searches for it)
        labels.add(notification.messageId());
        Summaries.causeIds(d).forEach(labels::add);
        ObjectNode doc = fields.putObject("description");
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        paragraph(content, "Caller: " + SafeText.line(Summaries.callerName(d), 500));
        paragraph(content, "Role: " + SafeText.line(Summaries.roleName(d), 500));
        heading(content, "Why");
        ArrayNode causes = list(content);
        for (Cause cause : d.causes()) {
            item(causes, cause.id() + ": " + SafeText.line(cause.explanation(), 1_000));
        }
        if (!r.patches().isEmpty() || !r.actions().isEmpty()) {
            heading(content, "Fix (" + (r.verified() ? "verified" : "not verified") + (r.broadens() ? ", BROADENS ACCESS" : "") + ")");
            for (Patch patch : r.patches()) {
                paragraph(content, SafeText.line(patch.description(), 1_000));
                java.util.Optional<dev.assumeroledoctor.iac.IacPlan> iac = notification.report().iacOf(patch);
                iac.ifPresent(plan -> {
                    paragraph(content, SafeText.line(plan.headline(), 1_000));
                    plan.changeSetCommand().ifPresent(c -> code(content, SafeText.lines(c, 2_000)));
                    // the whole patch: the template as it must become, then what changes in it
                    plan.template().map(Json::pretty).ifPresent(t -> code(content, t.length() <= 30_000 ? SafeText.lines(t, 30_000)
                            : "The patched template is longer than this ticket holds: it is in the JSON report (patches[].iac.template)."));
                    plan.jsonPatch().ifPresent(p -> code(content, SafeText.lines(Json.pretty(p), 10_000)));
                    plan.notes().forEach(n -> paragraph(content, SafeText.line(n, 1_000)));
                });
                code(content, SafeText.lines((iac.filter(dev.assumeroledoctor.iac.IacPlan::cliCausesDrift).isPresent() ? "# causes drift\n" : "")
                        + patch.command() + "\n\n" + patch.diff(), 30_000));
            }
            r.bystanders().stream().filter(b -> b.gains()).limit(20).forEach(b -> paragraph(content, "Gains access: "
                    + SafeText.line(b.who(), 300) + " on " + SafeText.line(b.role(), 300)));
            ArrayNode actions = r.actions().isEmpty() ? Json.mapper().createArrayNode() : list(content);
            for (CallerAction action : r.actions()) {
                item(actions, SafeText.line(action.text(), 1_000));
            }
        }
        r.flags().forEach(f -> paragraph(content, SafeText.line(f, 1_000)));
        notification.report().history().ifPresent(h -> {
            heading(content, "Recent history");
            h.lastSuccess().ifPresent(s -> paragraph(content, "Last success: " + SafeText.line(s.caller(), 500) + " at " + s.time()));
            // a bulletList without items is not valid ADF
            ArrayNode changes = h.changes().isEmpty() ? Json.mapper().createArrayNode() : list(content);
            h.changes().stream().limit(15).forEach(c -> item(changes, c.time() + " " + c.eventName() + " on " + SafeText.line(c.what(), 300)
                    + " by " + SafeText.line(c.actor(), 300) + (c.likelyTrigger() ? " (likely trigger)" : "")));
            h.gaps().forEach(g -> paragraph(content, "History not read: " + SafeText.line(g, 500)));
        });
        if (notification.suppressedRepeats() > 0) {
            paragraph(content, notification.suppressedRepeats() + " identical failure(s) were suppressed in the previous window.");
        }
        return body;
    }

    private static void paragraph(ArrayNode content, String text) {
        ObjectNode p = content.addObject().put("type", "paragraph");
        p.putArray("content").addObject().put("type", "text").put("text", text);
    }

    private static void heading(ArrayNode content, String text) {
        ObjectNode h = content.addObject().put("type", "heading");
        h.putObject("attrs").put("level", 3);
        h.putArray("content").addObject().put("type", "text").put("text", text);
    }

    private static ArrayNode list(ArrayNode content) {
        return content.addObject().put("type", "bulletList").putArray("content");
    }

    private static void item(ArrayNode list, String text) {
        ObjectNode item = list.addObject().put("type", "listItem");
        paragraph(item.putArray("content"), text);
    }

    private static void code(ArrayNode content, String text) {
        ObjectNode block = content.addObject().put("type", "codeBlock");
        block.putObject("attrs").put("language", "bash");
        block.putArray("content").addObject().put("type", "text").put("text", text.length() <= 20_000 ? text : text.substring(0, 20_000));
    }
}
