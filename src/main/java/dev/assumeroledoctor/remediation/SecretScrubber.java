package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Redaction;

/**
 * A policy as any output may show it: the values of secret condition keys (the ExternalId a trust
 * policy requires) replaced. Applying a patch keeps today's value.
 */
public final class SecretScrubber {
    private SecretScrubber() {
    }

    public static JsonNode scrub(JsonNode policy) {
        JsonNode copy = policy.deepCopy();
        JsonNode statements = copy.get("Statement");
        if (statements == null) {
            return copy;
        }
        if (statements.isObject()) {
            scrubStatement(statements);
        } else {
            statements.forEach(SecretScrubber::scrubStatement);
        }
        return copy;
    }

    private static void scrubStatement(JsonNode statement) {
        JsonNode condition = statement.get("Condition");
        if (condition == null || !condition.isObject()) {
            return;
        }
        condition.forEach(operator -> {
            if (operator instanceof ObjectNode keys) {
                keys.fieldNames().forEachRemaining(key -> {
                    if (Redaction.isSecret(key)) {
                        keys.put(key, Redaction.REDACTED);
                    }
                });
            }
        });
    }
}
