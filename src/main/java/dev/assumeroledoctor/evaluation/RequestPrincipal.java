package dev.assumeroledoctor.evaluation;

import java.util.Optional;

/**
 * The caller of a request.
 *
 * @param type         what kind of principal it is
 * @param arn          the caller's own ARN: for a role session the {@code assumed-role} session ARN
 * @param principalArn {@code aws:PrincipalArn}: for a role session the role's ARN, with its path
 * @param accountId    the caller's account; empty for web-identity and SAML callers
 * @param uniqueId     the caller's unique id ({@code AIDA…}, {@code AROA…}) when known
 * @param issuer       the service name for a service, the identity provider for federation
 */
public record RequestPrincipal(
        PrincipalType type,
        String arn,
        String principalArn,
        Optional<String> accountId,
        Optional<String> uniqueId,
        Optional<String> issuer) {

    public static RequestPrincipal user(String userArn) {
        return new RequestPrincipal(PrincipalType.IAM_USER, userArn, userArn, Optional.of(Arns.accountOf(userArn)),
                Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal roleSession(String roleArn, String sessionName) {
        String account = Arns.accountOf(roleArn);
        String sessionArn = "arn:" + Arns.partitionOf(roleArn) + ":sts::" + account + ":assumed-role/"
                + Arns.nameOf(roleArn) + "/" + sessionName;
        return new RequestPrincipal(PrincipalType.ROLE_SESSION, sessionArn, roleArn, Optional.of(account),
                Optional.empty(), Optional.empty());
    }

    /** The account's root user, in the partition of the record (a root in aws-cn is arn:aws-cn:iam::…:root). */
    public static RequestPrincipal root(String partition, String accountId) {
        String rootArn = Arns.rootArn(partition, accountId);
        return new RequestPrincipal(PrincipalType.ROOT, rootArn, rootArn, Optional.of(accountId),
                Optional.empty(), Optional.empty());
    }

    /** The record names only the caller's account ({@code userIdentity.type} AWSAccount). */
    public static RequestPrincipal inAccount(String partition, String accountId) {
        String rootArn = Arns.rootArn(partition, accountId);
        return new RequestPrincipal(PrincipalType.ACCOUNT_PRINCIPAL, rootArn, rootArn, Optional.of(accountId),
                Optional.empty(), Optional.empty());
    }

    public static RequestPrincipal service(String serviceName) {
        return new RequestPrincipal(PrincipalType.SERVICE, serviceName, serviceName, Optional.empty(),
                Optional.empty(), Optional.of(serviceName));
    }

    public static RequestPrincipal federated(PrincipalType type, String provider, String subject) {
        return new RequestPrincipal(type, subject, subject, Optional.empty(), Optional.empty(), Optional.of(provider));
    }

    /** @param provider the SAML provider's ARN; empty when the record does not name it */
    public static RequestPrincipal saml(Optional<String> provider, String subject) {
        return new RequestPrincipal(PrincipalType.SAML, subject, subject, Optional.empty(), Optional.empty(), provider);
    }

    public RequestPrincipal withUniqueId(String id) {
        return new RequestPrincipal(type, arn, principalArn, accountId, Optional.of(id), issuer);
    }
}
