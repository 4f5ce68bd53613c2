package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.diagnosis.Redaction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guards are the conditions a role owner sets to keep callers honest: MFA, the ExternalId, the
 * network (source IP, VPC, VPC endpoint), the organization, and the session tags or source
 * identity a caller must pass. A remediation never loosens one to make a request pass: the
 * caller satisfies it, with the exact CLI flags.
 */
final class Guards {
    private static final Set<String> KEYS = Set.of("sts:externalid", "aws:multifactorauthpresent", "aws:multifactorauthage",
            "aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:principalorgid", "aws:principalorgpaths",
            "aws:tagkeys", "sts:transitivetagkeys", "sts:sourceidentity");

    private Guards() {
    }

    static boolean isGuard(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return KEYS.contains(k) || k.startsWith("aws:requesttag/");
    }

    /** The guard keys a statement's Condition uses, by the name it gives them. */
    static List<String> in(JsonNode statement) {
        List<String> found = new ArrayList<>();
        JsonNode condition = statement.path("Condition");
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            for (Iterator<String> keys = ops.next().getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (isGuard(key) && !found.contains(key)) {
                    found.add(key);
                }
            }
        }
        return found;
    }

    /** How a Deny statement words a guard: "denied when NotIpAddress 10.0.0.0/8" (secret values redacted). */
    static List<String> denyWording(JsonNode statement, String key) {
        List<String> out = new ArrayList<>();
        statement.path("Condition").fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(e -> {
            if (e.getKey().equalsIgnoreCase(key)) {
                out.add("denied when " + op.getKey() + " " + (Redaction.isSecret(key) ? Redaction.REDACTED
                        : String.join(", ", PolicyEdits.values(e.getValue()))));
            }
        }));
        return out;
    }

    /** What the caller does to satisfy a guard; required values are shown except the secret ones. */
    static CallerAction action(CauseId fixes, String key, List<String> required, RebuiltRequest request) {
        String k = key.toLowerCase(Locale.ROOT);
        String role = request.roleArn().orElse("<role ARN>");
        String values = Redaction.isSecret(key) ? Redaction.REDACTED : String.join(" or ", required);
        String text;
        if (k.equals("sts:externalid")) {
            text = "Pass the ExternalId agreed with the role's owner: aws sts assume-role --role-arn " + role
                    + " --role-session-name <name> --external-id <the agreed id>. The condition stays: it guards the role against the confused-deputy problem.";
        } else if (k.startsWith("aws:multifactorauth")) {
            text = "Assume the role with MFA: add --serial-number <your MFA device ARN> --token-code <current code> (role sessions and"
                    + " service credentials cannot; use a person's MFA-backed session). The MFA condition stays.";
        } else if (k.startsWith("aws:requesttag/")) {
            text = "Pass the session tag the role requires: --tags Key=" + key.substring(key.indexOf('/') + 1) + ",Value=" + values
                    + ". The condition stays.";
        } else if (k.equals("aws:tagkeys") || k.equals("sts:transitivetagkeys")) {
            text = "Pass session tags with the keys the role allows (" + values + ") in --tags"
                    + (k.equals("sts:transitivetagkeys") ? " and --transitive-tag-keys" : "") + ". The condition stays.";
        } else if (k.equals("sts:sourceidentity")) {
            text = "Pass the source identity the role requires: --source-identity " + values + ". The condition stays.";
        } else if (k.equals("aws:principalorgid") || k.equals("aws:principalorgpaths")) {
            text = "The role admits only principals of the organization (" + key + " " + values + "): call from an account inside it."
                    + " The organization guard stays; an exception for an outside principal is a decision for the role's owner, not a patch.";
        } else {
            text = "Call from the network the role requires (" + key + " " + values + "): from inside it, through its VPN or VPC"
                    + " endpoint. The network guard stays.";
        }
        return new CallerAction(fixes, text);
    }

    /** The Condition entries of a statement on guard keys, as {operator: {key: values}}: what a new grant must carry too. */
    static Optional<JsonNode> conditionsOf(JsonNode statement) {
        JsonNode condition = statement.path("Condition");
        com.fasterxml.jackson.databind.node.ObjectNode kept = dev.assumeroledoctor.json.Json.mapper().createObjectNode();
        condition.fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(entry -> {
            if (isGuard(entry.getKey())) {
                kept.with(op.getKey()).set(entry.getKey(), entry.getValue().deepCopy());
            }
        }));
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
    }
}
