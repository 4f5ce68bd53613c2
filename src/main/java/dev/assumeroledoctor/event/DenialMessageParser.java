package dev.assumeroledoctor.event;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads every {@code errorMessage} form a failed AssumeRole* call is recorded with: the plain
 * "not authorized" message, AWS's enhanced ones that name the policy type (and since 2024 often the
 * policy ARN), the root, MFA, web-identity and validation texts, and messages CloudTrail cut short.
 */
public final class DenialMessageParser {
    /* CloudTrail keeps at most about 1 KB of errorMessage; a message that long may be cut anywhere. */
    static final int TRUNCATION_LENGTH = 1000;
    /* Only this much of a message is read: bounds every pattern's work whatever a record holds. */
    static final int READ_LIMIT = 4096;

    private static final Pattern HEAD = Pattern.compile(
            "^(?:User|Principal): (?<caller>\\S+) is not authorized to perform: (?<action>\\S+)"
                    + "(?: on resource: (?<resource>\\S+))?");
    private static final Pattern NO_ALLOW = Pattern.compile("because no (.+?) allows");
    private static final Pattern EXPLICIT_DENY = Pattern.compile("with an explicit deny in an? (.+)$", Pattern.DOTALL);
    private static final Pattern POLICY_ARN = Pattern.compile("(arn:[^\\s,;)]+)");

    private DenialMessageParser() {
    }

    public static DenialMessage parse(String errorCode, String message) {
        String whole = message == null ? "" : message.strip();
        boolean truncated = whole.length() >= TRUNCATION_LENGTH;
        String text = whole.length() > READ_LIMIT ? whole.substring(0, READ_LIMIT) : whole;
        String lower = text.toLowerCase(Locale.ROOT);
        if ("RegionDisabledException".equals(errorCode)) {
            return DenialMessage.of(MessageKind.REGION_DISABLED);
        }
        if ("ValidationError".equals(errorCode) || "MalformedPolicyDocument".equals(errorCode)
                || "PackedPolicyTooLarge".equals(errorCode)) {
            if (lower.contains("role chaining")) {
                return DenialMessage.of(MessageKind.ROLE_CHAINING_DURATION);
            }
            if (lower.contains("maxsessionduration")) {
                return DenialMessage.of(MessageKind.MAX_SESSION_DURATION);
            }
            return DenialMessage.of(MessageKind.REQUEST_INVALID);
        }
        if (lower.startsWith("roles may not be assumed by root accounts")) {
            return DenialMessage.of(MessageKind.ROOT_CALLER);
        }
        if (lower.startsWith("multifactorauthentication failed")) {
            return DenialMessage.of(MessageKind.MFA_FAILED);
        }
        if (lower.startsWith("no openidconnect provider found")) {
            return DenialMessage.of(MessageKind.PROVIDER_NOT_FOUND);
        }
        if ("InvalidIdentityToken".equals(errorCode)) {
            return DenialMessage.of(MessageKind.TOKEN_REJECTED);
        }
        if (lower.startsWith("not authorized to perform sts:assumerolewith")) {
            return DenialMessage.of(MessageKind.FEDERATED_NOT_AUTHORIZED);
        }
        Matcher m = HEAD.matcher(text);
        if (m.lookingAt()) {
            return notAuthorized(m, text.substring(m.end()), truncated);
        }
        return new DenialMessage(MessageKind.UNRECOGNISED, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), truncated);
    }

    private static DenialMessage notAuthorized(Matcher head, String tail, boolean truncated) {
        Optional<AwsPolicyType> type = Optional.empty();
        Optional<String> policyArn = Optional.empty();
        Matcher deny = EXPLICIT_DENY.matcher(tail);
        Matcher noAllow = NO_ALLOW.matcher(tail);
        boolean explicit = deny.find();
        if (explicit) {
            type = AwsPolicyType.fromPhrase(deny.group(1));
            Matcher arn = POLICY_ARN.matcher(deny.group(1));
            if (arn.find()) {
                policyArn = Optional.of(stripTrailingDot(arn.group(1)));
            }
        } else if (noAllow.find()) {
            type = AwsPolicyType.fromPhrase(noAllow.group(1));
        }
        Optional<String> resource = Optional.ofNullable(head.group("resource")).map(DenialMessageParser::stripTrailingDot);
        return new DenialMessage(MessageKind.NOT_AUTHORIZED, Optional.of(head.group("caller")), Optional.of(stripTrailingDot(head.group("action"))),
                resource, type, explicit, policyArn, truncated);
    }

    private static String stripTrailingDot(String value) {
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}
