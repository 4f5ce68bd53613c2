package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;

/**
 * A policy document as stored, kept both parsed (to evaluate) and as JSON (to patch without
 * reformatting what the owner wrote).
 */
public record StoredPolicy(JsonNode json, PolicyDocument document) {
    public static StoredPolicy of(JsonNode json) {
        JsonNode tree = json.isTextual()
                ? dev.assumeroledoctor.json.Json.readTree(dev.assumeroledoctor.policy.PolicyText.decodeIfEncoded(json.textValue()))
                : json;
        return new StoredPolicy(tree.deepCopy(), PolicyParser.parse(tree));
    }
}
