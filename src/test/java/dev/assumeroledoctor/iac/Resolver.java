package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What CloudFormation would deploy for a template document: Ref and Fn::Sub resolved with the given parameter values (tests only). */
public final class Resolver {
    private Resolver() {
    }

    public static JsonNode resolve(JsonNode node, Map<String, String> values) {
        if (node.isObject() && node.size() == 1 && node.has("Ref")) {
            return JsonNodeFactory.instance.textNode(value(values, node.get("Ref").asText()));
        }
        if (node.isObject() && node.size() == 1 && node.has("Fn::Sub")) {
            String text = node.get("Fn::Sub").asText();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value(values, m.group(1))));
            }
            m.appendTail(out);
            return JsonNodeFactory.instance.textNode(out.toString());
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            object.fields().forEachRemaining(e -> out.set(e.getKey(), resolve(e.getValue(), values)));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            array.forEach(e -> out.add(resolve(e, values)));
            return out;
        }
        return node;
    }

    private static String value(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no value for " + name);
        }
        return value;
    }
}
