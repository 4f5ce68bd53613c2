package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.ContextValue;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * New trust statements that name exactly this caller — never a widening of a statement others
 * share: an IAM caller by its principal ARN; a web-identity caller by its provider with the exact
 * {@code sub} and {@code aud} of its token; a SAML caller by its provider and exact subject.
 */
final class TrustGrants {
    private TrustGrants() {
    }

    /** A statement naming exactly the caller, or empty when the record does not identify it well enough. */
    static Optional<ObjectNode> forCaller(String sid, RebuiltRequest request, List<String> actions) {
        RequestPrincipal caller = request.caller();
        if (caller.type().awsIdentity()) {
            if (caller.type() == PrincipalType.ACCOUNT_PRINCIPAL || caller.type() == PrincipalType.ROOT || caller.principalArn().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(PolicyEdits.statement(sid, "Allow", "AWS", caller.principalArn(), actions, null));
        }
        if (caller.issuer().isEmpty() || caller.arn().isEmpty()) {
            return Optional.empty();
        }
        String provider = caller.issuer().get();
        if (caller.type() == PrincipalType.WEB_IDENTITY) {
            String issuer = provider.substring(provider.indexOf("oidc-provider/") + "oidc-provider/".length());
            Optional<String> aud = single(request, issuer + ":aud");
            if (aud.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode s = PolicyEdits.statement(sid, "Allow", "Federated", provider, actions, null);
            s.putObject("Condition").putObject("StringEquals").put(issuer + ":sub", caller.arn()).put(issuer + ":aud", aud.get());
            return Optional.of(s);
        }
        if (caller.type() == PrincipalType.SAML) {
            ObjectNode s = PolicyEdits.statement(sid, "Allow", "Federated", provider, actions, null);
            s.putObject("Condition").putObject("StringEquals").put("SAML:sub", caller.arn());
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * The guards the role's other Allow statements impose on principals like the caller (another
     * account's principals for a cross-account caller, the own account's otherwise): a guard key
     * every such statement carries is copied, values and all, into the new statement.
     */
    static List<String> copyGuards(ObjectNode trust, ObjectNode grant, RebuiltRequest request) {
        String roleAccount = request.roleAccount().orElse("");
        List<JsonNode> alike = new java.util.ArrayList<>();
        for (JsonNode s : PolicyEdits.statements(trust)) {
            if (!"Allow".equals(s.path("Effect").asText()) || s == grant) {
                continue;
            }
            List<String> aws = PolicyEdits.values(s.path("Principal").path("AWS"));
            boolean crossAccount = aws.stream().anyMatch(v -> !v.equals("*") && !Arns.accountOf(v).equals(roleAccount) && !v.equals(roleAccount));
            boolean federated = !s.path("Principal").path("Federated").isMissingNode();
            boolean likeCaller = request.caller().type().awsIdentity() ? !aws.isEmpty() && crossAccount == request.crossAccount() : federated;
            if (likeCaller) {
                alike.add(s);
            }
        }
        if (alike.isEmpty()) {
            return List.of();
        }
        Optional<JsonNode> common = Guards.conditionsOf(alike.get(0));
        if (common.isEmpty()) {
            return List.of();
        }
        List<String> copied = new java.util.ArrayList<>();
        ObjectNode condition = grant.has("Condition") ? (ObjectNode) grant.get("Condition") : grant.putObject("Condition");
        common.get().fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(entry -> {
            boolean everywhere = alike.stream().allMatch(s -> has(s.path("Condition").path(op.getKey()), entry.getKey()));
            if (everywhere) {
                condition.with(op.getKey()).set(entry.getKey(), entry.getValue().deepCopy());
                copied.add(entry.getKey());
            }
        }));
        if (condition.isEmpty()) {
            grant.remove("Condition");
        }
        return copied;
    }

    private static boolean has(JsonNode operator, String key) {
        for (Iterator<String> names = operator.fieldNames(); names.hasNext(); ) {
            if (names.next().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> single(RebuiltRequest request, String key) {
        return request.keys().lookup(key) instanceof ContextValue.Present p && p.values().size() == 1
                ? Optional.of(p.values().get(0)) : Optional.empty();
    }
}
