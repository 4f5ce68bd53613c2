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
 * The custom-notification JSON that Amazon Q Developer in chat applications renders in Slack and
 * Teams ("Custom notifications": version 1.0, source custom, content with textType
 * client-markdown, title, description, nextSteps, keywords; metadata). Plain text it drops.
 */
public final class ChatMessage {
    static final int TITLE_MAX = 250;
    static final int DESCRIPTION_MAX = 7_000;
    static final int STEP_MAX = 600;
    static final int STEPS_MAX = 8;

    private ChatMessage() {
    }

    public static ObjectNode render(Notification notification) {
        Diagnosis d = notification.report().diagnosis();
        Remediation r = notification.report().remediation();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", "1.0");
        root.put("source", "custom");
        root.put("id", notification.dedupKey());
        ObjectNode content = root.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", dev.assumeroledoctor.report.Bounded.text(":rotating_light: AssumeRole " + Summaries.verdict(d) + ": "
                + SafeText.markdown(Summaries.roleName(d), 150), TITLE_MAX));
        content.put("description", bounded(description(d, r, notification.suppressedRepeats()) + history(notification.report())));
        ArrayNode steps = content.putArray("nextSteps");
        int count = 0;
        for (Patch patch : r.patches()) {
            if (count++ < STEPS_MAX) {
                steps.add(step(patch, notification.report().iacOf(patch)));
            }
        }
        for (CallerAction action : r.actions()) {
            if (count++ < STEPS_MAX) {
                steps.add(SafeText.markdown(action.text(), STEP_MAX));
            }
        }
        ArrayNode keywords = content.putArray("keywords");
        keywords.add(d.verdict().name());
        Summaries.causeIds(d).stream().limit(8).forEach(keywords::add);
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("threadId", notification.dedupKey());
        metadata.put("summary", dev.assumeroledoctor.report.Bounded.text("AssumeRole " + Summaries.verdict(d) + " for "
                + SafeText.markdown(Summaries.callerName(d), 400), 500));
        metadata.put("eventType", "AssumeRoleDenied");
        ObjectNode context = metadata.putObject("additionalContext");
        context.put("eventId", SafeText.line(d.event().eventId(), 100));
        d.request().callerAccount().ifPresent(a -> context.put("callerAccount", a));
        d.request().roleAccount().ifPresent(a -> context.put("roleAccount", a));
        context.put("verified", r.verified());
        return root;
    }

    /*
     * One patch as a next step. Where a stack defines the resource, the step leads with it and the
     * change set replaces the IAM command (which would drift); the template itself is in the email
     * and the ticket, too long for a chat message.
     */
    static String step(Patch patch, java.util.Optional<dev.assumeroledoctor.iac.IacPlan> iac) {
        if (iac.isPresent() && iac.get().templatePatch()) {
            return SafeText.markdown(iac.get().headline(), 200) + ": " + SafeText.code(iac.get().changeSetCommand().orElseThrow(), 500);
        }
        String drift = iac.filter(dev.assumeroledoctor.iac.IacPlan::cliCausesDrift).map(p -> " (" + SafeText.markdown(p.headline(), 200) + ")")
                .orElse("");
        return SafeText.markdown(patch.description(), Math.max(120, STEP_MAX - 120 - drift.length())) + ": " + SafeText.code(patch.command(), 400)
                + drift;
    }

    private static String description(Diagnosis d, Remediation r, long repeats) {
        StringBuilder out = new StringBuilder();
        out.append("*Caller* ").append(SafeText.code(Summaries.callerName(d), 300)).append('\n');
        out.append("*Role* ").append(SafeText.code(Summaries.roleName(d), 300)).append('\n');
        out.append("*Why*\n");
        for (Cause cause : d.causes()) {
            out.append("• ").append(SafeText.code(cause.id().name(), 60)).append(' ').append(SafeText.markdown(cause.explanation(), 700));
            cause.policy().ifPresent(p -> out.append(" (").append(SafeText.markdown(p.label(), 300))
                    .append(cause.statement().map(s -> ", " + SafeText.markdown(s, 120)).orElse("")).append(')'));
            out.append('\n');
        }
        if (!r.patches().isEmpty()) {
            out.append("*Fix* (").append(r.verified() ? "verified" : "not verified").append(", ")
                    .append(r.broadens() ? "BROADENS ACCESS: review" : "opens nothing else").append(")\n");
            r.bystanders().stream().filter(b -> b.gains()).limit(10).forEach(b -> out.append("• gains access: ")
                    .append(SafeText.code(b.who(), 200)).append(" on ").append(SafeText.code(b.role(), 200)).append('\n'));
        }
        r.flags().forEach(f -> out.append(":warning: ").append(SafeText.markdown(f, 400)).append('\n'));
        if (repeats > 0) {
            out.append("_").append(repeats).append(" identical failure(s) were suppressed in the previous window._\n");
        }
        return out.toString();
    }

    /* The last success and the likely trigger: the two lines that most often end an investigation. */
    private static String history(dev.assumeroledoctor.report.Report.Diagnosed report) {
        StringBuilder out = new StringBuilder();
        report.history().ifPresent(h -> {
            h.lastSuccess().ifPresent(s -> {
                out.append("*Last success* ").append(SafeText.code(s.caller(), 300)).append(" at ").append(s.time()).append('\n');
                s.differences().stream().filter(x -> x.decides()).limit(5).forEach(x -> out.append("• differs: ")
                        .append(SafeText.markdown(x.what(), 100)).append(' ').append(SafeText.code(x.allowed(), 150)).append(" → ")
                        .append(SafeText.code(x.denied(), 150)).append('\n'));
            });
            h.changes().stream().filter(c -> c.likelyTrigger()).findFirst().ifPresent(c -> out.append("*Likely trigger* ")
                    .append(SafeText.code(c.eventName(), 60)).append(" on ").append(SafeText.markdown(c.what(), 200)).append(" by ")
                    .append(SafeText.code(c.actor(), 300)).append(" at ").append(c.time()).append('\n'));
        });
        return out.toString();
    }

    private static String bounded(String text) {
        String marker = "\n… (truncated: see the email or ticket)";
        return text.length() <= DESCRIPTION_MAX ? text : dev.assumeroledoctor.report.Bounded.text(text, DESCRIPTION_MAX - marker.length()) + marker;
    }
}
