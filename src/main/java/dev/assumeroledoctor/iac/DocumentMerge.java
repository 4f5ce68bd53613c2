package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a verified policy edit into the template's own document. The template's document is
 * today's deployed document with intrinsics where CloudFormation resolved values; the edit is the
 * difference between today's document and the verified one. Each difference lands on the template
 * node at the same place: a new statement or value is appended, a new key added, a literal
 * replaced; an intrinsic is kept whole (a value joins it in a list) and never resolved. Where a
 * difference would have to change what an intrinsic computes, or the template builds a list
 * conditionally, the document cannot be edited safely and the merge says why. Applied to today's
 * values, the result is exactly the verified document, so the verification holds for it.
 */
final class DocumentMerge {
    private final Map<JsonNode, JsonNode> expressions;

    private DocumentMerge(Map<JsonNode, JsonNode> expressions) {
        this.expressions = expressions;
    }

    /** Why the edit cannot be carried into the template. */
    static final class NotEditable extends Exception {
        private static final long serialVersionUID = 1L;

        NotEditable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @return the template's document with the edit
     * @throws NotEditable where it cannot be carried without changing what an intrinsic computes
     */
    static JsonNode merge(JsonNode template, JsonNode deployed, JsonNode patched) throws NotEditable {
        Optional<String> drift = mismatch(template, deployed, "");
        if (drift.isPresent()) {
            throw new NotEditable("the deployed document differs from the template's at " + drift.get()
                    + ": the resource has drifted from its stack, and a template change would also undo that");
        }
        return new DocumentMerge(conditionExpressions(template, deployed)).merge(template, deployed, patched, "");
    }

    private JsonNode merge(JsonNode t, JsonNode d, JsonNode p, String path) throws NotEditable {
        if (d.equals(p)) {
            return t;
        }
        // a value becomes a list of values (a second principal beside one): the template's value, intrinsic or not, stays first
        if (p.isArray() && !d.isArray() && p.size() > 0) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            out.add(merge(t, d, p.get(0), path));
            for (int i = 1; i < p.size(); i++) {
                out.add(expressed(p.get(i)));
            }
            return out;
        }
        if (CfnTemplates.isIntrinsic(t)) {
            throw new NotEditable("the value at " + shown(path) + " comes from " + CfnTemplates.intrinsicName(t)
                    + ", and the fix would change what it computes");
        }
        if (t.isObject() && d.isObject() && p.isObject()) {
            ObjectNode out = ((ObjectNode) t).deepCopy();
            for (Iterator<String> names = p.fieldNames(); names.hasNext();) {
                String name = names.next();
                String at = path + "/" + escape(name);
                if (d.has(name)) {
                    out.set(name, merge(t.get(name), d.get(name), p.get(name), at));
                } else if (t.has(name)) {
                    throw new NotEditable("the template sets " + shown(at) + " conditionally (" + describe(t.get(name)) + ")");
                } else {
                    out.set(name, expressed(p.get(name)));
                }
            }
            for (Iterator<String> names = d.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!p.has(name)) {
                    out.remove(name);
                }
            }
            return out;
        }
        if (t.isArray() && d.isArray() && p.isArray()) {
            if (t.size() != d.size()) {
                throw new NotEditable("the template builds the list at " + shown(path) + " conditionally");
            }
            if (p.size() < d.size()) {
                throw new NotEditable("the fix removes entries from the list at " + shown(path));
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < d.size(); i++) {
                out.add(merge(t.get(i), d.get(i), p.get(i), path + "/" + i));
            }
            for (int i = d.size(); i < p.size(); i++) {
                out.add(expressed(p.get(i)));
            }
            return out;
        }
        if (CfnTemplates.holdsIntrinsics(t)) {
            throw new NotEditable("the value at " + shown(path) + " holds intrinsics the fix would replace");
        }
        // a literal that equals today's value: the verified value replaces it
        return p.deepCopy();
    }

    /*
     * New content, with each condition value the template already spells (a guard copied from a
     * statement whose ExternalId or organization id is a parameter) written as the template
     * writes it: the new statement then carries the same Ref, not the value it resolved to.
     */
    private JsonNode expressed(JsonNode node) {
        JsonNode copy = node.deepCopy();
        if (copy.get("Condition") instanceof ObjectNode condition) {
            condition.fields().forEachRemaining(op -> {
                if (op.getValue() instanceof ObjectNode keys) {
                    keys.fields().forEachRemaining(entry -> {
                        JsonNode expression = expressions.get(key(op.getKey(), entry.getKey(), entry.getValue()));
                        if (expression != null) {
                            entry.setValue(expression.deepCopy());
                        }
                    });
                }
            });
        }
        return copy;
    }

    private static Map<JsonNode, JsonNode> conditionExpressions(JsonNode template, JsonNode deployed) {
        Map<JsonNode, JsonNode> out = new HashMap<>();
        List<JsonNode[]> pairs = new java.util.ArrayList<>();
        JsonNode ts = template.path("Statement");
        JsonNode ds = deployed.path("Statement");
        if (ts.isObject() && ds.isObject()) {
            pairs.add(new JsonNode[] {ts, ds});
        } else if (ts.isArray() && ds.isArray() && ts.size() == ds.size()) {
            for (int i = 0; i < ts.size(); i++) {
                pairs.add(new JsonNode[] {ts.get(i), ds.get(i)});
            }
        }
        for (JsonNode[] pair : pairs) {
            pair[1].path("Condition").fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(entry -> {
                JsonNode expression = pair[0].path("Condition").path(op.getKey()).path(entry.getKey());
                if (!expression.isMissingNode() && CfnTemplates.holdsIntrinsics(expression)) {
                    out.putIfAbsent(key(op.getKey(), entry.getKey(), entry.getValue()), expression);
                }
            }));
        }
        return out;
    }

    private static JsonNode key(String operator, String conditionKey, JsonNode value) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("operator", operator).put("key", conditionKey.toLowerCase(java.util.Locale.ROOT)).set("value", value);
        return key;
    }

    /* Where the template's literals differ from today's document: drift, or a template that is not this resource's. */
    static Optional<String> mismatch(JsonNode t, JsonNode d, String path) {
        if (CfnTemplates.isIntrinsic(t)) {
            return Optional.empty();
        }
        if (t.isObject() && d.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "/" + escape(e.getKey());
                if (!d.has(e.getKey())) {
                    if (!CfnTemplates.isIntrinsic(e.getValue())) {
                        return Optional.of(shown(at));
                    }
                    continue;
                }
                Optional<String> inner = mismatch(e.getValue(), d.get(e.getKey()), at);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            for (Iterator<String> names = d.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!t.has(name)) {
                    return Optional.of(shown(path + "/" + escape(name)));
                }
            }
            return Optional.empty();
        }
        if (t.isArray() && d.isArray()) {
            if (t.size() != d.size()) {
                boolean conditional = false;
                for (JsonNode element : t) {
                    conditional |= CfnTemplates.isIntrinsic(element);
                }
                return conditional ? Optional.empty() : Optional.of(shown(path));
            }
            for (int i = 0; i < t.size(); i++) {
                Optional<String> inner = mismatch(t.get(i), d.get(i), path + "/" + i);
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.empty();
        }
        if (t.isValueNode() && d.isValueNode() && t.asText().equals(d.asText())) {
            return Optional.empty();
        }
        return Optional.of(shown(path));
    }

    private static String describe(JsonNode node) {
        return CfnTemplates.isIntrinsic(node) ? CfnTemplates.intrinsicName(node) : "a value the deployed document lacks";
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String shown(String path) {
        return path.isEmpty() ? "the document's top" : path;
    }
}
