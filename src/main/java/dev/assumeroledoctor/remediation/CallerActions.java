package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PrincipalType;
import java.util.Optional;

/** What the caller or an administrator must do where a policy change is not the fix. */
final class CallerActions {
    private CallerActions() {
    }

    static Optional<CallerAction> forCause(Cause cause, RebuiltRequest request) {
        String role = request.roleArn().orElse("the role");
        String text = switch (cause.id()) {
            case CONDITION_EXTERNAL_ID -> "Pass the ExternalId agreed with the role's owner (aws sts assume-role --role-arn " + role
                    + " --role-session-name <name> --external-id <the agreed id>). The condition stays: it guards the role against the confused-deputy problem.";
            case CONDITION_MFA -> request.caller().type() == PrincipalType.IAM_USER
                    ? "Assume the role with MFA: add --serial-number <your MFA device ARN> --token-code <current code>. The MFA condition stays."
                    : "This caller cannot present MFA (role sessions and service credentials never can): assume the role from a person's MFA-backed session, or ask its owner for a role meant for automation. The MFA condition stays.";
            case ROLE_CHAINING_DURATION -> "Ask for --duration-seconds 3600 or less: a role session assuming a role is capped at one hour.";
            case MAX_SESSION_DURATION -> "Ask for a shorter --duration-seconds, or raise the role's limit: aws iam update-role --role-name "
                    + PatchRendering.quote(Arns.nameOf(role)) + " --max-session-duration <seconds up to 43200>.";
            case REQUEST_INVALID -> "Fix the request itself: a session name of 2 to 64 characters from [\\w+=,.@-], a duration of at least 900 s, a session policy within STS limits.";
            case ROOT_CALLER -> "Use an IAM user, an IAM Identity Center session or a role: the root user cannot assume roles.";
            case STS_REGION_DISABLED -> "Activate STS in " + region(request)
                    + " (IAM console, Account settings, Security Token Service endpoints), or call another region's endpoint.";
            case ROLE_NOT_FOUND -> "Check the role ARN the caller uses: " + cause.explanation();
            case ROLE_RECENTLY_CHANGED -> "Retry: IAM changes take a few seconds to propagate; automation should retry AssumeRole with backoff after creating or updating a role.";
            case NOT_REPRODUCED -> "Nothing to change today: today's policies allow this request. If failures continue, capture the caller's session policy and tags.";
            case INSUFFICIENT_DATA -> "Give the inspector read access to what is missing (or add that file to the snapshot) and diagnose again.";
            case SESSION_POLICY_NO_ALLOW -> "Create the caller's session with a session policy that allows " + String.join(", ", request.actions()) + " on " + role + ", or without one.";
            case FEDERATION_PROVIDER -> "Create the IAM identity provider for the token's issuer in the role's account, or make the trust policy's Federated principal name the provider that issued the token.";
            case CONDITION_FEDERATION_CLAIMS -> "Make the token's claims match the trust policy (e.g. run the workflow from the branch or environment the role expects), or add exactly this subject to the condition.";
            case TRUST_PRINCIPAL_NOT_TRUSTED, TRUST_PRINCIPAL_DELETED -> "Decide whether " + request.caller().principalArn()
                    + " should be able to assume " + role + "; if so, name exactly that principal in the trust policy.";
            default -> null;
        };
        return Optional.ofNullable(text).map(t -> new CallerAction(cause.id(), t));
    }

    private static String region(RebuiltRequest request) {
        return request.keys().lookup("aws:RequestedRegion") instanceof dev.assumeroledoctor.evaluation.ContextValue.Present p
                ? p.values().get(0) : "the region the caller used";
    }
}
