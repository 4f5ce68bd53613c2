package dev.assumeroledoctor.event;

import java.util.Optional;

/**
 * What the {@code errorMessage} of a failed call tells.
 *
 * @param callerArn    the "User: …" part
 * @param action       the action AWS denied: {@code sts:AssumeRole}, {@code sts:TagSession}…
 * @param resource     the "on resource: …" part: the role ARN
 * @param policyType   the policy type an enhanced message names
 * @param explicitDeny true for "with an explicit deny in …", false for "because no … allows"
 * @param policyArn    the policy an enhanced message names after the type
 * @param truncated    CloudTrail cut the message: the last field may be incomplete
 */
public record DenialMessage(
        MessageKind kind,
        Optional<String> callerArn,
        Optional<String> action,
        Optional<String> resource,
        Optional<AwsPolicyType> policyType,
        boolean explicitDeny,
        Optional<String> policyArn,
        boolean truncated) {

    static DenialMessage of(MessageKind kind) {
        return new DenialMessage(kind, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), false);
    }
}
