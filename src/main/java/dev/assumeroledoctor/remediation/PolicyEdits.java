package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.util.List;

/**
 * Small, targeted edits of a policy's JSON: the owner's document stays as written except where
 * the fix needs it.
 */
final class PolicyEdits {
    private PolicyEdits() {
    }

    static ObjectNode newPolicy() {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("Version", "2012-10-17");
        doc.putArray("Statement");
        return doc;
    }

    /** The Statement array; a lone statement object becomes a one-element array so positions stay stable. */
    static ArrayNode statements(ObjectNode doc) {
        JsonNode statements = doc.get("Statement");
        if (statements instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = doc.putArray("Statement");
        if (statements != null) {
            array.add(statements);
        }
        return array;
    }

    static ObjectNode statement(ObjectNode doc, int index) {
        return (ObjectNode) statements(doc).get(index);
    }

    static ObjectNode statement(String sid, String effect, String principalKind, String principal, List<String> actions, String resource) {
        ObjectNode s = Json.mapper().createObjectNode();
        s.put("Sid", sid);
        s.put("Effect", effect);
        if (principalKind != null) {
            s.putObject("Principal").put(principalKind, principal);
        }
        setValues(s, "Action", actions);
        if (resource != null) {
            s.put("Resource", resource);
        }
        return s;
    }

    static void setValues(ObjectNode node, String field, List<String> values) {
        if (values.size() == 1) {
            node.put(field, values.get(0));
        } else {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    /** Adds a value to a string-or-array field, keeping a string when it is the only value. */
    static void addValue(ObjectNode node, String field, String value) {
        JsonNode current = node.get(field);
        if (current == null || current.isNull()) {
            node.put(field, value);
            return;
        }
        if (current.isTextual()) {
            if (current.textValue().equals(value)) {
                return;
            }
            ArrayNode array = node.putArray(field);
            array.add(current.textValue());
            array.add(value);
            return;
        }
        ArrayNode array = (ArrayNode) current;
        for (JsonNode existing : array) {
            if (existing.asText().equals(value)) {
                return;
            }
        }
        array.add(value);
    }

    /** Adds {@code value} to {@code Condition.operator.key}, creating what is missing. */
    static void addConditionValue(ObjectNode statement, String operator, String key, String value) {
        ObjectNode condition = statement.has("Condition") ? (ObjectNode) statement.get("Condition") : statement.putObject("Condition");
        ObjectNode op = condition.has(operator) ? (ObjectNode) condition.get(operator) : condition.putObject(operator);
        String existingKey = key;
        for (java.util.Iterator<String> names = op.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equalsIgnoreCase(key)) {
                existingKey = name;
            }
        }
        addValue(op, existingKey, value);
    }

    /** Replaces one value of a string-or-array field. */
    static void replaceValue(ObjectNode node, String field, String from, String to) {
        JsonNode current = node.get(field);
        if (current == null) {
            return;
        }
        if (current.isTextual() && current.textValue().equals(from)) {
            node.put(field, to);
        } else if (current instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).asText().equals(from)) {
                    array.set(i, Json.mapper().getNodeFactory().textNode(to));
                }
            }
        }
    }

    /** The values of a string-or-array field. */
    static List<String> values(JsonNode field) {
        List<String> out = new java.util.ArrayList<>();
        if (field.isTextual()) {
            out.add(field.textValue());
        }
        if (field.isArray()) {
            field.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** A Sid from free text: IAM Sids take only ASCII letters and digits; words are capitalised. */
    static String sid(String text) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : text.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.length() > 100 ? out.substring(0, 100) : out.toString();
    }

    /**
     * A literal value for a {@code …Like} operator: {@code *}, {@code ?} and {@code $} written as
     * the policy-variable escapes, so a value the caller shaped can never act as a wildcard.
     */
    static String likeLiteral(String value) {
        return value.replace("$", "${$}").replace("*", "${*}").replace("?", "${?}");
    }
}
