package dev.assumeroledoctor.evaluation;

/** Why a {@code Principal} element named (or did not name) the caller. */
public enum PrincipalBasis {
    /** {@code "*"} or {@code {"AWS": "*"}}. */
    ANYONE,
    /** An account id or account root ARN: any principal of the account, if its own policies allow. */
    ACCOUNT,
    USER,
    /** A role ARN: any session of the role. */
    ROLE,
    /** One assumed-role session ARN. */
    ROLE_SESSION,
    FEDERATED_USER,
    SERVICE,
    FEDERATED_PROVIDER,
    /** {@code NotPrincipal}: the caller is not among the exceptions, so the statement applies. */
    NOT_EXCEPTED,
    /** {@code NotPrincipal}: every form of the caller is listed, so the statement does not apply. */
    EXCEPTED,
    /** A principal of the caller's account is named, and the record does not say which principal called. */
    UNIDENTIFIED,
    /** Nothing named the caller. */
    NONE
}
