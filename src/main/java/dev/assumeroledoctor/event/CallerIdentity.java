package dev.assumeroledoctor.event;

import java.time.Instant;
import java.util.Optional;

/**
 * The CloudTrail {@code userIdentity} element, as far as a diagnosis needs it.
 *
 * @param type              IAMUser, AssumedRole, FederatedUser, Root, AWSService, AWSAccount,
 *                          WebIdentityUser, SAMLUser…
 * @param issuerArn         {@code sessionContext.sessionIssuer.arn}: the role (with path) or user behind a session
 * @param mfaAuthenticated  {@code sessionContext.attributes.mfaAuthenticated}; absent for long-term keys
 * @param identityProvider  the OIDC/SAML provider of a federated caller
 */
public record CallerIdentity(
        String type,
        Optional<String> arn,
        Optional<String> accountId,
        Optional<String> principalId,
        Optional<String> userName,
        Optional<String> accessKeyId,
        Optional<String> issuerArn,
        Optional<String> issuerType,
        Optional<Boolean> mfaAuthenticated,
        Optional<Instant> sessionCreated,
        Optional<String> sourceIdentity,
        Optional<String> identityProvider,
        Optional<String> invokedBy) {
}
