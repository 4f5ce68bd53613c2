package dev.assumeroledoctor.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.iac.IacPlan;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.List;

/** The {@code iac} section of a patch, as JSON and as text lines. */
public final class IacRendering {
    private IacRendering() {
    }

    static ObjectNode json(IacPlan plan) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("kind", plan.kind().jsonName());
        plan.stack().ifPresent(s -> {
            node.put("stack", s.stackName());
            s.stackId().ifPresent(id -> node.put("stackId", id));
            s.region().ifPresent(r -> node.put("region", r));
            node.put("logicalId", s.logicalId());
            node.put("resourceType", s.resourceType());
            s.stackSet().ifPresent(set -> node.put("stackSet", set));
        });
        plan.cdkPath().ifPresent(p -> node.put("cdkPath", p));
        plan.property().ifPresent(p -> node.put("property", p));
        node.put("templatePatch", plan.templatePatch());
        node.put("cliPatchCausesDrift", plan.cliCausesDrift());
        node.put("headline", plan.headline());
        plan.template().ifPresent(t -> node.set("template", t));
        plan.jsonPatch().ifPresent(p -> node.set("jsonPatch", p));
        plan.templateFile().ifPresent(f -> node.put("templateFile", f));
        plan.changeSetCommand().ifPresent(c -> node.put("changeSetCommand", c));
        node.put("secretsRedacted", plan.secretsRedacted());
        plan.reason().ifPresent(r -> node.put("reason", Bounded.text(r, 1_000)));
        plan.managedBy().ifPresent(m -> node.put("managedBy", Bounded.text(m, 300)));
        plan.gap().ifPresent(g -> node.put("gap", Bounded.text(g, 1_000)));
        ArrayNode notes = node.putArray("notes");
        plan.notes().forEach(notes::add);
        return node;
    }

    /** The lines that say where to make the change, indented under the patch; the template itself stays in the JSON report and tickets. */
    public static List<String> lines(IacPlan plan) {
        List<String> out = new ArrayList<>();
        out.add("IaC: " + plan.headline());
        plan.changeSetCommand().ifPresent(c -> out.add("  " + c + "   (" + plan.templateFile().orElse("") + ": the patched template, in the JSON report)"));
        plan.jsonPatch().ifPresent(p -> {
            out.add("  JSON Patch against the stack's template:");
            Json.pretty(p).lines().forEach(l -> out.add("    " + l));
        });
        plan.notes().forEach(n -> out.add("  note: " + n));
        return out;
    }
}
