package dev.assumeroledoctor.event;

/** What an AssumeRole* {@code errorMessage} says went wrong. */
public enum MessageKind {
    /** "User: … is not authorized to perform: sts:… on resource: …", plain or enhanced. */
    NOT_AUTHORIZED,
    /** "Roles may not be assumed by root accounts". */
    ROOT_CALLER,
    /** "…exceeds the 1 hour session limit for roles assumed by role chaining". */
    ROLE_CHAINING_DURATION,
    /** "…exceeds the MaxSessionDuration set for this role". */
    MAX_SESSION_DURATION,
    /** Any other validation of the request itself (session name, duration, session policy). */
    REQUEST_INVALID,
    /** "MultiFactorAuthentication failed…": the MFA code did not validate. */
    MFA_FAILED,
    /** "Not authorized to perform sts:AssumeRoleWithWebIdentity/SAML": names no role. */
    FEDERATED_NOT_AUTHORIZED,
    /** "No OpenIDConnect provider found in your account for …". */
    PROVIDER_NOT_FOUND,
    /** "Incorrect token audience" and other rejected token claims. */
    TOKEN_REJECTED,
    /** RegionDisabledException. */
    REGION_DISABLED,
    /** A message this parser does not know. */
    UNRECOGNISED
}
