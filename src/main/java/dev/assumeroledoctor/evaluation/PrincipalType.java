package dev.assumeroledoctor.evaluation;

/** Who made a request, in the terms that decide how policies name it. */
public enum PrincipalType {
    IAM_USER(true),
    ROLE_SESSION(true),
    ROOT(true),
    /** An STS federated user ({@code GetFederationToken}). */
    FEDERATED_USER(true),
    /** A principal of a known account whose identity the record hides ({@code AWSAccount}). */
    ACCOUNT_PRINCIPAL(true),
    SERVICE(false),
    WEB_IDENTITY(false),
    SAML(false);

    private final boolean awsIdentity;

    PrincipalType(boolean awsIdentity) {
        this.awsIdentity = awsIdentity;
    }

    /** Whether policies name it under {@code "AWS"} (account, user, role, session). */
    public boolean awsIdentity() {
        return awsIdentity;
    }
}
