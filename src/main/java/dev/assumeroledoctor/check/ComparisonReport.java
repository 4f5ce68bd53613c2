package dev.assumeroledoctor.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.report.JsonReport;
import dev.assumeroledoctor.report.PlainText;
import dev.assumeroledoctor.report.TextReport;

/** A comparison as text and JSON; every compared value comes from a record, so it is bounded and made visible. */
public final class ComparisonReport {
    private static final int VALUE = 300;

    private ComparisonReport() {
    }

    public static String text(Comparison comparison) {
        StringBuilder out = new StringBuilder("Compared with the call that succeeded at ").append(comparison.allowed().eventTime())
                .append(" (").append(PlainText.line(comparison.allowed().caller().arn().orElse("(unknown caller)"), VALUE)).append("):\n");
        if (comparison.differences().isEmpty()) {
            out.append("  no difference in what the records show: the policies changed between the calls, or what decided is not recorded\n");
        }
        for (Comparison.Difference d : comparison.differences()) {
            out.append(d.decides() ? "  * " : "    ").append(PlainText.line(d.what(), 120)).append(": ")
                    .append(PlainText.line(d.allowed(), VALUE)).append(" (allowed) -> ").append(PlainText.line(d.denied(), VALUE))
                    .append(" (denied)\n");
        }
        out.append("  (* the failure's causes turn on it)\n\n");
        return out.append(TextReport.render(comparison.denied())).toString();
    }

    public static ObjectNode json(Comparison comparison) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("allowed").put("eventTime", comparison.allowed().eventTime().toString())
                .put("caller", comparison.allowed().caller().arn().orElse(null));
        ArrayNode differences = root.putArray("differences");
        comparison.differences().forEach(d -> differences.addObject().put("what", d.what()).put("allowed", d.allowed())
                .put("denied", d.denied()).put("decides", d.decides()));
        root.set("denied", JsonReport.render(comparison.denied()));
        return root;
    }
}
