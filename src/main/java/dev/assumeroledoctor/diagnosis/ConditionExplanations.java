package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;

/** One plain sentence per failed condition; secrets never appear (findings are already redacted). */
final class ConditionExplanations {
    private ConditionExplanations() {
    }

    static String explain(CauseId id, ConditionFinding f, boolean inferred, RequestPrincipal caller) {
        String request = f.requestValue();
        return switch (id) {
            case CONDITION_EXTERNAL_ID -> inferred
                    ? "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId); the caller did not pass the ExternalId this role requires, or passed another."
                    : request.equals("absent")
                    ? "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId) and the caller passed none."
                    : "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId) and the caller passed a different one.";
            case CONDITION_MFA -> mfa(f, inferred, caller);
            case CONDITION_PRINCIPAL_ORG -> "The trust policy requires " + f.key() + " " + f.operator() + " " + String.join(" or ", f.requiredValues())
                    + "; the caller's is " + request + (request.equals("absent") ? " (its account is not in the organization)" : "") + ".";
            case CONDITION_FEDERATION_CLAIMS -> "The token's " + f.key() + " is " + quote(request) + ", which does not satisfy "
                    + f.operator() + " " + String.join(" or ", f.requiredValues()) + ".";
            default -> "The condition " + f.operator() + " " + f.key() + " " + String.join(" or ", f.requiredValues())
                    + " is not met: the request's value is " + quote(request) + (inferred ? " (the record does not tell it; AWS denied, so it did not match)" : "") + ".";
        };
    }

    private static String mfa(ConditionFinding f, boolean inferred, RequestPrincipal caller) {
        String base = "The trust policy requires MFA (" + f.operator() + " " + f.key() + " " + String.join(" or ", f.requiredValues()) + ")";
        if (caller.type() == PrincipalType.ROLE_SESSION && f.requestValue().equals("absent")) {
            return base + ", and the caller is a role session created without MFA: role sessions (and EC2, Lambda or ECS credentials) cannot add MFA, so this caller can never meet it.";
        }
        if (caller.type() == PrincipalType.SERVICE) {
            return base + ", which a service principal can never meet.";
        }
        if (inferred) {
            return base + "; the record does not show whether an MFA code was passed, and AWS denied, so it was not (or was too old).";
        }
        return base + "; the request's value is " + f.requestValue() + ".";
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
