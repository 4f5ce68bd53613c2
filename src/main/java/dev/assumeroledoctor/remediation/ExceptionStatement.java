package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.ConditionFinding;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.policy.ConditionOperator;
import dev.assumeroledoctor.policy.OperatorFamily;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An extra Allow statement for exactly this caller that keeps every condition of the statement it
 * failed, with the failed condition narrowed to the caller's own value — a tag to its exact
 * value, a missing key to {@code Null: true} — never dropped. A value the record does not tell,
 * or a date window, cannot be narrowed: then there is no such statement.
 */
final class ExceptionStatement {
    private ExceptionStatement() {
    }

    /** @return whether the statement was added */
    static boolean add(Cause cause, RebuiltRequest request, PatchPlanner.Drafts drafts, String role) {
        ConditionFinding failed = cause.condition().orElseThrow();
        Optional<ObjectNode> narrowed = narrowed(failed);
        if (narrowed.isEmpty() || cause.statementIndex().isEmpty()) {
            return false;
        }
        PatchTarget target = new PatchTarget.TrustPolicy(role);
        ObjectNode trust = drafts.edit(target, cause.id());
        ObjectNode original = PolicyEdits.statement(trust, cause.statementIndex().get());
        String who = request.caller().type().awsIdentity() ? Arns.nameOf(request.caller().principalArn()) : "Caller";
        String sid = PolicyEdits.sid(original.path("Sid").asText("Statement" + cause.statementIndex().get()) + "For" + who);
        for (JsonNode existing : PolicyEdits.statements(trust)) {
            if (existing.path("Sid").asText().equals(sid)) {
                return true;
            }
        }
        List<String> actions = cause.actions().isEmpty() ? request.actions() : cause.actions();
        Optional<ObjectNode> grant = TrustGrants.forCaller(sid, request, actions);
        if (grant.isEmpty()) {
            return false;
        }
        ObjectNode exception = grant.get();
        ObjectNode condition = original.has("Condition") ? (ObjectNode) original.get("Condition").deepCopy()
                : dev.assumeroledoctor.json.Json.mapper().createObjectNode();
        removeKey(condition, failed.key());
        merge(condition, narrowed.get());
        if (exception.has("Condition")) {
            merge(condition, (ObjectNode) exception.get("Condition"));
        }
        if (!condition.isEmpty()) {
            exception.set("Condition", condition);
        }
        PolicyEdits.statements(trust).add(exception);
        drafts.describe(target, "add a statement for exactly this caller that keeps every condition of "
                + cause.statement().orElse("the statement") + ", with " + failed.key() + " narrowed to the caller's own value");
        return true;
    }

    /* The failed condition, narrowed to the request's own value. */
    static Optional<ObjectNode> narrowed(ConditionFinding failed) {
        String value = failed.requestValue();
        ObjectNode out = dev.assumeroledoctor.json.Json.mapper().createObjectNode();
        if (value.equals("absent")) {
            out.putObject("Null").put(failed.key(), "true");
            return Optional.of(out);
        }
        if (value.startsWith("unknown") || value.contains(", ")) {
            return Optional.empty();
        }
        Optional<ConditionOperator> op = ConditionOperator.parse(failed.operator());
        OperatorFamily family = op.map(o -> o.base().family()).orElse(OperatorFamily.NULL);
        String operator = switch (family) {
            case STRING -> "StringEquals";
            case ARN -> "ArnEquals";
            case NUMERIC -> "NumericEquals";
            case BOOL -> "Bool";
            case IP_ADDRESS -> "IpAddress";
            default -> null;
        };
        if (operator == null) {
            return Optional.empty();
        }
        String exact = family == OperatorFamily.IP_ADDRESS && !value.contains("/") ? value + (value.contains(":") ? "/128" : "/32") : value;
        out.putObject(operator).put(failed.key(), exact);
        return Optional.of(out);
    }

    private static void removeKey(ObjectNode condition, String key) {
        List<String> emptied = new java.util.ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            ObjectNode keys = (ObjectNode) op.getValue();
            List<String> names = new java.util.ArrayList<>();
            keys.fieldNames().forEachRemaining(names::add);
            names.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))).forEach(keys::remove);
            if (keys.isEmpty()) {
                emptied.add(op.getKey());
            }
        }
        condition.remove(emptied);
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(entry ->
                into.with(op.getKey()).set(entry.getKey(), entry.getValue().deepCopy())));
    }
}
