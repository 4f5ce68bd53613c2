package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.ConditionFinding;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.policy.BaseOperator;
import dev.assumeroledoctor.policy.ConditionOperator;
import java.util.Locale;
import java.util.Optional;

/**
 * Extends a condition that names who may call — {@code aws:PrincipalArn}, or a token's subject —
 * by the caller's exact value: only a request carrying that very value gains, so the statement's
 * other principals and conditions are untouched. A {@code …Like} operator gets the value as a
 * literal ({@code ${*}}, {@code ${?}}, {@code ${$}}), never as a pattern.
 */
final class ConditionValues {
    private ConditionValues() {
    }

    /** @return whether the condition was extended; false when this shape does not apply */
    static boolean extend(Cause cause, RebuiltRequest request, PatchPlanner.Drafts drafts, String role) {
        ConditionFinding f = cause.condition().orElseThrow();
        String key = f.key().toLowerCase(Locale.ROOT);
        boolean identifies = cause.id() == CauseId.CONDITION_PRINCIPAL_ARN || key.endsWith(":sub");
        String value = cause.id() == CauseId.CONDITION_PRINCIPAL_ARN ? request.caller().principalArn() : f.requestValue();
        Optional<ConditionOperator> op = ConditionOperator.parse(f.operator());
        if (!identifies || op.isEmpty() || op.get().base().negated() || op.get().base() == BaseOperator.NULL
                || value.isEmpty() || value.equals("absent") || value.startsWith("unknown")) {
            return false;
        }
        boolean like = op.get().base().name().endsWith("_LIKE");
        PatchTarget target = new PatchTarget.TrustPolicy(role);
        ObjectNode trust = drafts.edit(target, cause.id());
        if (like && !PolicyEdits.likeLiteral(value).equals(value) && !"2012-10-17".equals(trust.path("Version").asText())) {
            return false; // escapes are policy variables, which only version 2012-10-17 has
        }
        PolicyEdits.addConditionValue(PolicyEdits.statement(trust, cause.statementIndex().orElseThrow()),
                f.operator(), f.key(), like ? PolicyEdits.likeLiteral(value) : value);
        drafts.describe(target, "add the exact value " + value + " to " + f.operator() + " " + f.key());
        return true;
    }
}
