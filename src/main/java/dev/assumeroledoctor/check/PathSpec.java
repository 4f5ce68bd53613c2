package dev.assumeroledoctor.check;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One assume-role path a team expects to work (or to stay closed): who, which role, how.
 *
 * @param principal        what a CloudTrail record would show: a user, role or session ARN, an
 *                         account root, or (for the federated actions) the SAML or OIDC provider ARN
 * @param context          condition keys the record would carry ({@link #CONTEXT_KEYS}, token claims)
 * @param externalIdPresent the caller passes the ExternalId the role expects (its value is never needed nor shown)
 */
public record PathSpec(String principal, String role, String action, Map<String, String> context, boolean externalIdPresent,
                       boolean mfa, Map<String, String> tags, Optional<String> sourceIdentity, Expectation expect) {
    public static final Set<String> ACTIONS = Set.of("sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity");
    /** The request keys a CloudTrail record carries, hence the ones a path can set. */
    public static final Set<String> CONTEXT_KEYS = Set.of("aws:SourceIp", "aws:SourceVpce", "aws:RequestedRegion", "aws:CurrentTime",
            "aws:UserAgent", "sts:RoleSessionName");

    public enum Expectation { ALLOW, DENY }

    public PathSpec {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + String.join(", ", new java.util.TreeSet<>(ACTIONS)) + ", not " + action);
        }
        if (!role.matches("arn:aws[\\w-]*:iam::\\d{12}:role/.+")) {
            throw new IllegalArgumentException("role must be a role ARN (arn:aws:iam::ACCOUNT:role/NAME), not " + role);
        }
        for (String key : context.keySet()) {
            if (!CONTEXT_KEYS.contains(key) && !key.endsWith(":sub") && !key.endsWith(":aud")) {
                throw new IllegalArgumentException("context key " + key + " is not one a request carries; use one of "
                        + String.join(", ", new java.util.TreeSet<>(CONTEXT_KEYS)) + ", or a token claim ISSUER:sub / ISSUER:aud / SAML:sub");
            }
        }
        context = java.util.Collections.unmodifiableMap(new TreeMap<>(context));
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** The path in one line, as reports name it. */
    public String label() {
        return principal + " → " + role + (action.equals("sts:AssumeRole") ? "" : " (" + action + ")");
    }
}
