package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * A CloudFormation template as CloudFormation reads it: JSON, or YAML whose short-form intrinsics
 * ({@code !Ref X}, {@code !Sub ...}, {@code !GetAtt A.B}) become their JSON forms ({@code {"Ref": "X"}},
 * {@code {"Fn::Sub": ...}}, {@code {"Fn::GetAtt": ["A", "B"]}}), so that the patched template is
 * the same template, written as JSON. Jackson's YAML parser keeps {@code 2012-10-17} a string,
 * as CloudFormation does, and hands each node's tag over as its type id.
 */
public final class CfnTemplates {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CfnTemplates() {
    }

    /** @throws TemplateException naming the place where the text is not a template */
    public static ObjectNode parse(String text, String source) {
        String trimmed = text.stripLeading();
        JsonNode tree;
        try {
            if (trimmed.startsWith("{")) {
                tree = Json.readTree(trimmed);
            } else {
                try (JsonParser parser = YAML.createParser(text)) {
                    tree = parser.nextToken() == null ? null : read(parser);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TemplateException(source + ": not a CloudFormation template (" + Optional.ofNullable(e.getMessage()).orElse(e.toString())
                    .lines().findFirst().orElse("") + ")");
        }
        if (!(tree instanceof ObjectNode template) || !template.path("Resources").isObject()) {
            throw new TemplateException(source + ": not a CloudFormation template (no Resources section)");
        }
        return template;
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        // CloudFormation refuses them ("YAML aliases are not allowed in CloudFormation templates"); Jackson would give the alias's name
        if (parser instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new IOException("YAML aliases are not allowed in CloudFormation templates (*" + parser.getText() + " at line "
                    + parser.currentLocation().getLineNr() + ")");
        }
        Object typeId = parser.getTypeId();
        String tag = typeId == null ? null : typeId.toString();
        JsonToken token = parser.currentToken();
        JsonNode node = switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, read(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            default -> NODES.nullNode();
        };
        return tag == null || tag.isEmpty() ? node : intrinsic(tag.replaceFirst("^!+", ""), node);
    }

    /* The short form's long form, as CloudFormation's YAML reader writes it. */
    private static JsonNode intrinsic(String name, JsonNode value) {
        if (name.startsWith("tag:yaml.org,2002:")) {
            return value;
        }
        ObjectNode out = NODES.objectNode();
        if (name.equals("Ref") || name.equals("Condition")) {
            return out.set(name, value);
        }
        if (name.equals("GetAtt") && value.isTextual()) {
            String text = value.textValue();
            int dot = text.indexOf('.');
            ArrayNode parts = out.putArray("Fn::GetAtt");
            parts.add(dot < 0 ? text : text.substring(0, dot));
            if (dot >= 0) {
                parts.add(text.substring(dot + 1));
            }
            return out;
        }
        return out.set("Fn::" + name, value);
    }

    /** Whether a node is an intrinsic function ({@code Ref}, {@code Fn::*}, a {@code Condition} reference). */
    public static boolean isIntrinsic(JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.size() != 1) {
            return false;
        }
        String name = object.fieldNames().next();
        return name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition") && object.get(name).isTextual();
    }

    /** The intrinsic's name, e.g. {@code Fn::If}. */
    static String intrinsicName(JsonNode node) {
        return node.fieldNames().next();
    }

    /** Whether any intrinsic appears anywhere in the node. */
    static boolean holdsIntrinsics(JsonNode node) {
        if (isIntrinsic(node)) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsIntrinsics(child)) {
                return true;
            }
        }
        return false;
    }
}
