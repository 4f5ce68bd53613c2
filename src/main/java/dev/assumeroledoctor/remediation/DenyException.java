package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;

/**
 * Narrows a Deny so it no longer matches exactly this (caller, role) pair, and nothing else:
 * <ul>
 * <li>a Resource list naming the role among others loses the role;</li>
 * <li>otherwise the statement gains {@code ArnNotEquals aws:PrincipalArn} for the caller, and —
 *     where it covered every resource — a twin statement keeps denying the caller everything but
 *     this role ({@code NotResource}), so the caller gains this role alone.</li>
 * </ul>
 * A trust policy governs only its own role, so there the principal exception is already exact.
 */
final class DenyException {
    private DenyException() {
    }

    static void narrow(Cause cause, RebuiltRequest request, PatchPlanner.Drafts drafts) {
        PolicyRef ref = cause.policy().orElseThrow();
        PatchTarget target = targetOf(ref);
        ObjectNode doc = drafts.edit(target, cause.id());
        ObjectNode statement = PolicyEdits.statement(doc, cause.statementIndex().orElseThrow());
        String role = request.roleArn().orElseThrow();
        String principal = request.caller().principalArn();
        JsonNode resource = statement.get("Resource");
        if (resource instanceof ArrayNode list && list.size() > 1 && contains(list, role)) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).asText().equals(role)) {
                    list.remove(i);
                    break;
                }
            }
            drafts.describe(target, "take " + role + " out of the Resource list of " + cause.statement().orElse("the Deny"));
            return;
        }
        boolean coversEverything = resource != null && (resource.asText().equals("*") || (resource.isArray() && contains((ArrayNode) resource, "*")));
        if (ref.type() != PolicyType.TRUST && coversEverything) {
            ObjectNode twin = statement.deepCopy();
            twin.remove("Resource");
            twin.putArray("NotResource").add(role);
            twin.put("Sid", PolicyEdits.sid(statement.path("Sid").asText("Deny") + "ExceptRole"));
            PolicyEdits.addConditionValue(twin, "ArnEquals", "aws:PrincipalArn", principal);
            PolicyEdits.statements(doc).add(twin);
        }
        PolicyEdits.addConditionValue(statement, "ArnNotEquals", "aws:PrincipalArn", principal);
        drafts.describe(target, "except " + principal + " from " + cause.statement().orElse("the Deny") + " for " + role
                + (ref.type() != PolicyType.TRUST && !coversEverything ? " (the Deny's Resource patterns cannot exclude one role, so the caller is excepted from the whole statement)" : ""));
    }

    static PatchTarget targetOf(PolicyRef ref) {
        return switch (ref.type()) {
            case TRUST -> new PatchTarget.TrustPolicy(ref.arn().orElseThrow());
            case IDENTITY -> ref.arn().<PatchTarget>map(arn -> new PatchTarget.ManagedPolicy(arn, PolicyType.IDENTITY))
                    .orElseGet(() -> new PatchTarget.InlinePolicy(ref.attachedTo().orElseThrow(), ref.name()));
            case BOUNDARY -> new PatchTarget.ManagedPolicy(ref.arn().orElseThrow(), PolicyType.BOUNDARY);
            case SCP, RCP -> new PatchTarget.OrganizationPolicy(ref.arn().orElseThrow(), ref.type());
            case SESSION -> throw new IllegalArgumentException("a session policy is not stored anywhere to patch");
        };
    }

    private static boolean contains(ArrayNode list, String value) {
        for (JsonNode node : list) {
            if (node.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
