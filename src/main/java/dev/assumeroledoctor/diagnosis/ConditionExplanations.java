package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;

/** One plain sentence per failed condition; secrets never appear (findings are already redacted). */
final class ConditionExplanations {
    /* An unknown value that decides the verdict: both outcomes are said, neither is chosen for the reader. */
    static final String BOTH = "if it met the condition, this statement allows the call and the denial lies elsewhere; if not, this is why"
            + " AWS denied (AWS did deny, so this is the likely one).";

    private ConditionExplanations() {
    }

    static String explain(CauseId id, ConditionFinding f, boolean inferred, RequestPrincipal caller) {
        String request = f.requestValue();
        return switch (id) {
            case CONDITION_EXTERNAL_ID -> inferred
                    ? "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId), and the record does not show the one the caller passed: " + BOTH
                    : request.equals("absent")
                    ? "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId) and the caller passed none."
                    : "The role requires an ExternalId (" + f.operator() + " on sts:ExternalId) and the caller passed a different one.";
            case CONDITION_MFA -> mfa(f, inferred, caller);
            case CONDITION_PRINCIPAL_ORG -> "The trust policy requires " + f.key() + " " + f.operator() + " " + String.join(" or ", f.requiredValues())
                    + "; the caller's is " + request + (request.equals("absent") ? " (its account is not in the organization)" : "") + ".";
            case CONDITION_FEDERATION_CLAIMS -> "The token's " + f.key() + " is " + quote(request) + ", which does not satisfy "
                    + f.operator() + " " + String.join(" or ", f.requiredValues()) + ".";
            default -> "The condition " + f.operator() + " " + f.key() + " " + String.join(" or ", f.requiredValues())
                    + (inferred ? " decides the call, and the record does not tell the request's value: " + BOTH : " is not met: the request's value is "
                    + quote(request) + ".");
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
            return base + "; the record does not show whether an MFA code was passed: " + BOTH;
        }
        return base + "; the request's value is " + f.requestValue() + ".";
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }
}
