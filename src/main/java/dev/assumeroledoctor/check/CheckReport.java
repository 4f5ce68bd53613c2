package dev.assumeroledoctor.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.PlainText;
import dev.assumeroledoctor.report.TextReport;
import java.util.List;
import java.util.Locale;

/**
 * The three faces of a check: text for a terminal, JSON for tools, markdown for a pull-request
 * comment or a CI step summary. A path that is not as expected carries its full diagnosis.
 */
public final class CheckReport {
    private static final int CELL = 200;

    private CheckReport() {
    }

    public static boolean allMatch(List<PathResult> results) {
        return results.stream().allMatch(PathResult::matches);
    }

    public static String text(List<PathResult> results, PlanOverlay plan) {
        StringBuilder out = new StringBuilder();
        if (!plan.isEmpty()) {
            out.append("Plan: evaluated with the proposed documents of ").append(String.join(", ", PlanOverlay.targets(plan))).append("\n\n");
        }
        for (PathResult r : results) {
            out.append(r.matches() ? "PASS  " : "FAIL  ").append(PlainText.line(r.path().label(), 400)).append('\n')
                    .append("      expected ").append(word(r.path().expect().name())).append(", ").append(word(r.outcome().name()))
                    .append(": ").append(PlainText.line(r.why(), 600)).append('\n');
            if (!r.matches()) {
                TextReport.render(r.report()).lines().forEach(line -> out.append("      | ").append(line).append('\n'));
            }
        }
        return out.append(summary(results)).append('\n').toString();
    }

    public static ObjectNode json(List<PathResult> results, PlanOverlay plan) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode planned = root.putArray("plan");
        PlanOverlay.targets(plan).forEach(planned::add);
        ArrayNode paths = root.putArray("paths");
        for (PathResult r : results) {
            ObjectNode p = paths.addObject();
            p.put("principal", r.path().principal()).put("role", r.path().role()).put("action", r.path().action())
                    .put("expect", word(r.path().expect().name())).put("outcome", word(r.outcome().name())).put("matches", r.matches())
                    .put("why", r.why());
            p.set("report", JsonReport.render(r.report()));
        }
        root.putObject("summary").put("paths", results.size()).put("asExpected", results.stream().filter(PathResult::matches).count());
        return root;
    }

    public static String markdown(List<PathResult> results, PlanOverlay plan) {
        StringBuilder out = new StringBuilder("### assume-role-doctor check\n\n");
        if (!plan.isEmpty()) {
            out.append("Plan mode: evaluated with the proposed documents of ")
                    .append(String.join(", ", PlanOverlay.targets(plan).stream().map(CheckReport::cell).toList())).append(".\n\n");
        }
        out.append("| | Principal | Role | Action | Expected | Outcome | Why |\n|---|---|---|---|---|---|---|\n");
        for (PathResult r : results) {
            out.append("| ").append(r.matches() ? "✅" : "❌").append(" | ").append(cell(r.path().principal())).append(" | ")
                    .append(cell(r.path().role())).append(" | ").append(cell(r.path().action())).append(" | ")
                    .append(word(r.path().expect().name())).append(" | ").append(word(r.outcome().name())).append(" | ")
                    .append(cell(r.why())).append(" |\n");
        }
        out.append('\n').append(summary(results)).append('\n');
        for (PathResult r : results) {
            if (!r.matches()) {
                // the whole diagnosis, as the text report prints it: a fence no line of it can close
                out.append("\n<details><summary>").append(cell(r.path().label())).append("</summary>\n\n")
                        .append(PlainText.fenced(TextReport.render(r.report()), Integer.MAX_VALUE)).append("\n</details>\n");
            }
        }
        return out.toString();
    }

    private static String summary(List<PathResult> results) {
        long ok = results.stream().filter(PathResult::matches).count();
        return ok + " of " + results.size() + " path(s) as expected.";
    }

    /* A table cell: one visible line, no pipe, backtick or HTML that could break the table or inject markup. */
    static String cell(String value) {
        String line = PlainText.line(value, CELL);
        StringBuilder out = new StringBuilder();
        for (char c : line.toCharArray()) {
            switch (c) {
                case '|' -> out.append("\\|");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '`', '*', '_', '[', ']', '@', '#' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String word(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
