package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.event.StsCall;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's request, made by someone else: every key about the request itself (network,
 * region, time, tags passed, ExternalId) stays, every key about the principal is that principal's
 * own — its ARN, account, tags and organization from the snapshot, its token's claims.
 */
final class BystanderRequests {
    private static final List<String> PRINCIPAL_KEYS = List.of("aws:principal", "aws:userid", "aws:username", "aws:multifactorauth",
            "aws:tokenissuetime", "aws:sourceidentity", "aws:federatedprovider", "saml:");

    private BystanderRequests() {
    }

    static RebuiltRequest of(RebuiltRequest base, RequestPrincipal who, String role, Snapshot snapshot) {
        ContextKeys.Builder keys = ContextKeys.builder();
        String issuerPrefix = base.caller().issuer().filter(i -> i.contains("oidc-provider/"))
                .map(i -> i.substring(i.indexOf("oidc-provider/") + 14).toLowerCase(Locale.ROOT) + ":").orElse("\u0000");
        base.keys().present().forEach((key, values) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            if (PRINCIPAL_KEYS.stream().noneMatch(lower::startsWith) && !lower.startsWith(issuerPrefix)) {
                keys.put(key, values);
            }
        });
        base.keys().unknownKeys().stream().filter(k -> PRINCIPAL_KEYS.stream().noneMatch(k::startsWith)).forEach(keys::unknown);
        base.keys().unknownPrefixes().stream().filter(k -> PRINCIPAL_KEYS.stream().noneMatch(k::startsWith) && !k.startsWith(issuerPrefix))
                .forEach(keys::unknownPrefix);
        Optional<String> issuerArn = Optional.empty();
        if (who.type().awsIdentity()) {
            keys.put("aws:PrincipalArn", who.principalArn());
            keys.put("aws:PrincipalIsAWSService", "false");
            keys.put("aws:PrincipalType", who.type() == PrincipalType.IAM_USER ? "User" : "AssumedRole");
            who.accountId().ifPresent(a -> keys.put("aws:PrincipalAccount", a));
            if (who.type() == PrincipalType.IAM_USER) {
                keys.put("aws:username", Arns.nameOf(who.arn()));
            }
            tags(who, snapshot).forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
            who.accountId().ifPresent(account -> snapshot.organization().ifPresent(org -> {
                if (org.contains(account)) {
                    keys.put("aws:PrincipalOrgID", org.id());
                    keys.put("aws:PrincipalOrgPaths", List.of(org.orgPath(account).orElseThrow()));
                }
            }));
            if (snapshot.organization().isEmpty()) {
                keys.unknown("aws:PrincipalOrgID").unknown("aws:PrincipalOrgPaths");
            }
            issuerArn = Optional.of(who.principalArn());
        } else if (who.type() == PrincipalType.SERVICE) {
            keys.put("aws:PrincipalIsAWSService", "true").put("aws:PrincipalServiceName", who.issuer().orElse(""));
        } else {
            keys.put("aws:PrincipalIsAWSService", "false");
        }
        return new RebuiltRequest(callFor(base.call(), who), who, "bystander", issuerArn, Optional.of(role), false, keys.build(),
                base.extraActions(), who.type() == PrincipalType.ROLE_SESSION, base.durationSeconds(), base.sessionName(),
                base.externalId(), base.tags(), base.sourceIdentity(), List.of());
    }

    /** A web-identity bystander: its token's own sub and aud, and nothing else known of it. */
    static RebuiltRequest federated(RebuiltRequest base, String provider, String sub, String aud, String role, Snapshot snapshot) {
        RequestPrincipal who = provider.contains(":saml-provider/") ? RequestPrincipal.saml(Optional.of(provider), sub)
                : RequestPrincipal.federated(PrincipalType.WEB_IDENTITY, provider, sub);
        RebuiltRequest request = of(base, who, role, snapshot);
        ContextKeys.Builder keys = request.keys().toBuilder();
        if (who.type() == PrincipalType.SAML) {
            keys.put("SAML:sub", sub).put("SAML:aud", aud).unknownPrefix("SAML:");
        } else {
            String issuer = provider.substring(provider.indexOf("oidc-provider/") + 14);
            keys.put(issuer + ":sub", sub).put(issuer + ":aud", aud).unknownPrefix(issuer + ":");
        }
        return request.withKeys(keys.build());
    }

    private static StsCall callFor(StsCall call, RequestPrincipal who) {
        return switch (who.type()) {
            case WEB_IDENTITY -> StsCall.ASSUME_ROLE_WITH_WEB_IDENTITY;
            case SAML -> StsCall.ASSUME_ROLE_WITH_SAML;
            default -> StsCall.ASSUME_ROLE;
        };
    }

    private static Map<String, String> tags(RequestPrincipal who, Snapshot snapshot) {
        return who.accountId().flatMap(snapshot::account).flatMap(a -> who.type() == PrincipalType.IAM_USER
                ? a.user(who.principalArn()).map(u -> u.tags()) : a.role(who.principalArn()).map(r -> r.tags())).orElse(Map.of());
    }

    /** A session of a role, named as the record of one would name it. */
    static RequestPrincipal sessionOf(String roleArn) {
        String account = Arns.accountOf(roleArn);
        return new RequestPrincipal(PrincipalType.ROLE_SESSION, "arn:" + Arns.partitionOf(roleArn) + ":sts::" + account + ":assumed-role/"
                + Arns.nameOf(roleArn) + "/bystander", roleArn, Optional.of(account), Optional.empty(), Optional.empty());
    }
}
