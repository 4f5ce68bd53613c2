package dev.assumeroledoctor.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A list of expected paths: a JSON or YAML list (or {"paths": [...]}) of objects with principal, role,
 * and optionally action, context, externalIdPresent, mfa, tags, sourceIdentity, expect
 * (allow|deny, default allow). Unknown fields are errors: a misspelt "expect" must not turn a
 * deny check into an allow check.
 */
public final class PathsFile {
    private static final Set<String> FIELDS = Set.of("principal", "role", "action", "context", "externalIdPresent", "mfa", "tags",
            "sourceIdentity", "expect");

    private PathsFile() {
    }

    /* YAML as a tree like JSON's; a key given twice is an error (the second "expect" must not silently win). */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** A YAML paths file (the same fields, as a list or under {@code paths:}). */
    public static List<PathSpec> parseYaml(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        return parse(root == null ? Json.mapper().createArrayNode() : root);
    }

    /** @throws IllegalArgumentException naming the entry and field at fault */
    public static List<PathSpec> parse(String text) {
        return parse(Json.readTree(text));
    }

    private static List<PathSpec> parse(JsonNode root) {
        JsonNode list = root.isObject() && root.has("paths") ? root.get("paths") : root;
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the paths file must be a non-empty list of paths (or {\"paths\": [...]})");
        }
        List<PathSpec> paths = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                paths.add(path(list.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paths[" + i + "]: " + e.getMessage(), e);
            }
        }
        return paths;
    }

    private static PathSpec path(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a path is an object");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\" (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        });
        return new PathSpec(required(node, "principal"), required(node, "role"), Json.text(node, "action").orElse("sts:AssumeRole"),
                map(node, "context"), bool(node, "externalIdPresent"), bool(node, "mfa"), map(node, "tags"),
                Json.text(node, "sourceIdentity"), expectation(Json.text(node, "expect").orElse("allow")));
    }

    public static PathSpec.Expectation expectation(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "allow" -> PathSpec.Expectation.ALLOW;
            case "deny" -> PathSpec.Expectation.DENY;
            default -> throw new IllegalArgumentException("expect is allow or deny, not " + text);
        };
    }

    private static String required(JsonNode node, String field) {
        return Json.text(node, field).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException("\"" + field + "\" is required"));
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && !value.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" is true or false");
        }
        return value != null && value.asBoolean();
    }

    private static Map<String, String> map(JsonNode node, String field) {
        JsonNode value = node.get(field);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" is an object of string values");
        }
        value.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException("\"" + field + "." + e.getKey() + "\" must be a string");
            }
            result.put(e.getKey(), e.getValue().asText());
        });
        return result;
    }
}
