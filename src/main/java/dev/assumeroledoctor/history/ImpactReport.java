package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.report.Bounded;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.PlainText;
import java.time.format.DateTimeFormatter;

/**
 * What one change does to recent paths, in words and as JSON: the change and who made it, each
 * broken caller with the cause (policy and statement) and the verified fix, what could not be
 * checked, and where the history was searched. Caller text is made one visible line and bounded.
 */
public final class ImpactReport {
    static final int MAX_LISTED = 25;
    static final int MAX_CHARS = 60_000;

    private ImpactReport() {
    }

    /** The text: email, OpsItem, stdout and the CLI. */
    public static String text(ChangeImpact impact) {
        PolicyChange c = impact.change();
        StringBuilder out = new StringBuilder();
        out.append("A policy change breaks ").append(impact.broken().size()).append(" of ").append(impact.checked())
                .append(" AssumeRole path(s) that worked in the last days.\n\n");
        out.append("Change: ").append(c.eventSource()).append(' ').append(c.eventName()).append(" in account ").append(PlainText.line(c.account(), 20))
                .append(" at ").append(DateTimeFormatter.ISO_INSTANT.format(c.time())).append(" (event ").append(PlainText.line(c.eventId(), 64)).append(")\n");
        out.append("Made by: ").append(PlainText.line(c.actor(), 300)).append("\n\n");
        int listed = 0;
        for (ChangeImpact.Broken b : impact.broken()) {
            if (listed++ == MAX_LISTED) {
                out.append("… and ").append(impact.broken().size() - MAX_LISTED).append(" more.\n");
                break;
            }
            out.append("Broken: ").append(PlainText.line(b.caller(), 300)).append(" -> ").append(PlainText.line(b.role(), 300)).append(" (")
                    .append(b.action()).append(b.lastWorked().map(t -> ", last worked " + DateTimeFormatter.ISO_INSTANT.format(t)).orElse(""))
                    .append(")\n");
            for (Cause cause : b.report().diagnosis().causes()) {
                out.append("  ").append(cause.id()).append(": ").append(PlainText.line(cause.explanation(), 700));
                cause.policy().ifPresent(p -> out.append(" [").append(PlainText.line(p.label(), 300))
                        .append(cause.statement().map(s -> ", " + PlainText.line(s, 120)).orElse("")).append(']'));
                out.append('\n');
            }
            for (Patch patch : b.report().remediation().patches()) {
                out.append("  fix (").append(b.report().remediation().verified() ? "verified" : "not verified").append("): ")
                        .append(PlainText.line(patch.description(), 500)).append('\n');
                b.report().iacOf(patch).ifPresent(plan -> out.append("    ").append(PlainText.line(plan.headline(), 700)).append('\n'));
            }
        }
        section(out, "Could not be checked", impact.undetermined());
        section(out, "Not read", impact.gaps());
        section(out, "Bounds", impact.bounds());
        section(out, "Accounts not checked", impact.unchecked());
        out.append("\nSearched: accounts ").append(String.join(", ", impact.accounts())).append("; regions ")
                .append(String.join(", ", impact.regions())).append(".\n");
        return Bounded.text(out.toString(), MAX_CHARS);
    }

    /** The JSON form: the change, the counts, each broken path with its full diagnosis report. */
    public static ObjectNode json(ChangeImpact impact) {
        PolicyChange c = impact.change();
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode change = root.putObject("change");
        change.put("eventId", Bounded.text(c.eventId(), 64)).put("eventName", c.eventName()).put("eventSource", c.eventSource())
                .put("time", c.time().toString()).put("account", Bounded.text(c.account(), 20)).put("actor", Bounded.text(c.actor(), 512));
        root.put("checked", impact.checked());
        ArrayNode broken = root.putArray("broken");
        for (ChangeImpact.Broken b : impact.broken()) {
            ObjectNode node = broken.addObject();
            node.put("caller", Bounded.text(b.caller(), 512)).put("role", Bounded.text(b.role(), 512)).put("action", b.action());
            b.lastWorked().ifPresent(t -> node.put("lastWorked", t.toString()));
            node.put("successEventId", Bounded.text(b.successEventId(), 64));
            node.set("report", JsonReport.render(b.report()));
        }
        strings(root.putArray("undetermined"), impact.undetermined());
        strings(root.putArray("gaps"), impact.gaps());
        strings(root.putArray("bounds"), impact.bounds());
        strings(root.putArray("unchecked"), impact.unchecked());
        strings(root.putArray("accounts"), impact.accounts());
        strings(root.putArray("regions"), impact.regions());
        return root;
    }

    private static void strings(ArrayNode array, java.util.List<String> values) {
        values.forEach(v -> array.add(Bounded.text(v, 1_000)));
    }

    private static void section(StringBuilder out, String title, java.util.List<String> lines) {
        if (!lines.isEmpty()) {
            out.append('\n').append(title).append(":\n");
            lines.stream().limit(MAX_LISTED).forEach(l -> out.append("  - ").append(PlainText.line(l, 500)).append('\n'));
            if (lines.size() > MAX_LISTED) {
                out.append("  - … and ").append(lines.size() - MAX_LISTED).append(" more\n");
            }
        }
    }
}
