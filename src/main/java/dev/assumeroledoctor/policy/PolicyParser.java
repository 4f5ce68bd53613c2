package dev.assumeroledoctor.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the IAM policy grammar ("IAM JSON policy element reference", "Grammar of the IAM JSON
 * policy language") into {@link PolicyDocument}. What IAM would reject is rejected here with the
 * place named, never skipped: a diagnosis built on a half-read policy would be wrong.
 */
public final class PolicyParser {
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

    private PolicyParser() {
    }

    /** Parses a document given as JSON text or as the URL-encoded JSON that IAM's API returns. */
    public static PolicyDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicyParseException("", "the policy document is empty");
        }
        JsonNode node;
        try {
            node = Json.readTree(PolicyText.decodeIfEncoded(text));
        } catch (IllegalArgumentException e) {
            throw new PolicyParseException("", e.getMessage());
        }
        return parse(node);
    }

    /** Parses a document given as a JSON object, or as a JSON string holding the document. */
    public static PolicyDocument parse(JsonNode node) {
        if (node != null && node.isTextual()) {
            return parse(node.textValue());
        }
        if (node == null || !node.isObject()) {
            throw new PolicyParseException("", "a policy document must be a JSON object");
        }
        rejectUnknown(node, TOP_LEVEL, "");
        String version = PolicyDocument.VERSION_2008;
        JsonNode versionNode = node.get("Version");
        if (versionNode != null) {
            version = text(versionNode, "Version");
            if (!version.equals(PolicyDocument.VERSION_2012) && !version.equals(PolicyDocument.VERSION_2008)) {
                throw new PolicyParseException("Version", "must be 2012-10-17 or 2008-10-17, not \"" + version + "\"");
            }
        }
        Optional<String> id = node.has("Id") ? Optional.of(text(node.get("Id"), "Id")) : Optional.empty();
        JsonNode statementNode = node.get("Statement");
        if (statementNode == null) {
            throw new PolicyParseException("Statement", "is required");
        }
        List<Statement> statements = new ArrayList<>();
        if (statementNode.isArray()) {
            for (int i = 0; i < statementNode.size(); i++) {
                statements.add(statement(statementNode.get(i), i, "Statement[" + i + "]"));
            }
        } else if (statementNode.isObject()) {
            statements.add(statement(statementNode, 0, "Statement"));
        } else {
            throw new PolicyParseException("Statement", "must be an object or an array of objects");
        }
        return new PolicyDocument(version, id, statements);
    }

    private static Statement statement(JsonNode node, int index, String path) {
        if (!node.isObject()) {
            throw new PolicyParseException(path, "a statement must be a JSON object");
        }
        rejectUnknown(node, STATEMENT_ELEMENTS, path);
        Optional<String> sid = node.has("Sid") ? Optional.of(text(node.get("Sid"), path + ".Sid")) : Optional.empty();
        Effect effect = effect(node.get("Effect"), path + ".Effect");
        Optional<PrincipalElement> principal = principal(node, path);
        ElementValues actions = exclusivePair(node, "Action", "NotAction", path)
                .orElseThrow(() -> new PolicyParseException(path, "needs Action or NotAction"));
        Optional<ElementValues> resources = exclusivePair(node, "Resource", "NotResource", path);
        List<Condition> conditions = node.has("Condition")
                ? conditions(node.get("Condition"), path + ".Condition")
                : List.of();
        return new Statement(index, sid, effect, principal, actions, resources, conditions);
    }

    private static Effect effect(JsonNode node, String path) {
        if (node == null) {
            throw new PolicyParseException(path, "is required");
        }
        String value = text(node, path);
        for (Effect effect : Effect.values()) {
            if (effect.jsonName().equals(value)) {
                return effect;
            }
        }
        throw new PolicyParseException(path, "must be \"Allow\" or \"Deny\", not \"" + value + "\"");
    }

    private static Optional<PrincipalElement> principal(JsonNode statement, String path) {
        JsonNode positive = statement.get("Principal");
        JsonNode negative = statement.get("NotPrincipal");
        if (positive != null && negative != null) {
            throw new PolicyParseException(path, "has both Principal and NotPrincipal");
        }
        if (positive == null && negative == null) {
            return Optional.empty();
        }
        boolean negated = negative != null;
        JsonNode node = negated ? negative : positive;
        String elementPath = path + (negated ? ".NotPrincipal" : ".Principal");
        if (node.isTextual()) {
            if (!"*".equals(node.textValue())) {
                throw new PolicyParseException(elementPath, "a string principal must be \"*\"; name others as {\"AWS\": …}");
            }
            return Optional.of(new PrincipalElement(negated, true, Map.of()));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new PolicyParseException(elementPath, "must be \"*\" or a non-empty map of AWS, Service, Federated or CanonicalUser");
        }
        Map<PrincipalKind, List<String>> values = new EnumMap<>(PrincipalKind.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String kindPath = elementPath + "." + entry.getKey();
            PrincipalKind kind = PrincipalKind.fromJsonName(entry.getKey()).orElseThrow(() ->
                    new PolicyParseException(kindPath, "unknown principal type; expected AWS, Service, Federated or CanonicalUser"));
            values.put(kind, stringOrArray(entry.getValue(), kindPath));
        }
        return Optional.of(new PrincipalElement(negated, false, values));
    }

    private static Optional<ElementValues> exclusivePair(JsonNode statement, String name, String notName, String path) {
        JsonNode positive = statement.get(name);
        JsonNode negative = statement.get(notName);
        if (positive != null && negative != null) {
            throw new PolicyParseException(path, "has both " + name + " and " + notName);
        }
        if (positive != null) {
            return Optional.of(new ElementValues(false, stringOrArray(positive, path + "." + name)));
        }
        if (negative != null) {
            return Optional.of(new ElementValues(true, stringOrArray(negative, path + "." + notName)));
        }
        return Optional.empty();
    }

    private static List<Condition> conditions(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new PolicyParseException(path, "must be a map of condition operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String opPath = path + "." + op.getKey();
            ConditionOperator operator = ConditionOperator.parse(op.getKey())
                    .orElseThrow(() -> new PolicyParseException(opPath, "unknown condition operator"));
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new PolicyParseException(opPath, "must be a non-empty map of condition keys to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                String keyPath = opPath + "." + key.getKey();
                if (key.getKey().isBlank()) {
                    throw new PolicyParseException(keyPath, "a condition key cannot be empty");
                }
                conditions.add(new Condition(operator, key.getKey(), conditionValues(key.getValue(), keyPath)));
            }
        }
        return conditions;
    }

    private static List<String> conditionValues(JsonNode node, String path) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.add(scalar(node.get(i), path + "[" + i + "]"));
            }
        } else {
            values.add(scalar(node, path));
        }
        return values;
    }

    /* Condition values may be strings, numbers or booleans; IAM compares their text. */
    private static String scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        throw new PolicyParseException(path, "a condition value must be a string, number or boolean");
    }

    private static List<String> stringOrArray(JsonNode node, String path) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(nonEmpty(node.textValue(), path));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                values.add(nonEmpty(text(node.get(i), path + "[" + i + "]"), path + "[" + i + "]"));
            }
        } else {
            throw new PolicyParseException(path, "must be a string or a non-empty array of strings");
        }
        return values;
    }

    private static String nonEmpty(String value, String path) {
        if (value.isEmpty()) {
            throw new PolicyParseException(path, "cannot be an empty string");
        }
        return value;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new PolicyParseException(path, "must be a string");
        }
        return node.textValue();
    }

    private static void rejectUnknown(JsonNode node, Set<String> allowed, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String where = path.isEmpty() ? name : path + "." + name;
                throw new PolicyParseException(where, "is not an element IAM accepts here");
            }
        }
    }
}
