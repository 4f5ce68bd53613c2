package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.ContextValue;
import dev.assumeroledoctor.evaluation.IpRange;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.CallerIdentity;
import dev.assumeroledoctor.event.RequestParameters;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.OrganizationSnapshot;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the request context AWS evaluated ("AWS global condition context keys", "Available keys
 * for AWS STS") from the record and the snapshot. What neither tells is marked unknown, never guessed.
 */
public final class RequestRebuilder {
    private RequestRebuilder() {
    }

    public static RebuiltRequest rebuild(AssumeRoleEvent event, Snapshot snapshot) {
        CallerIdentity id = event.caller();
        Optional<RequestParameters> params = event.parameters();
        List<String> unknowns = new ArrayList<>();
        ContextKeys.Builder keys = ContextKeys.builder();
        Caller caller = caller(event, snapshot);

        keys.put("aws:CurrentTime", event.eventTime().toString());
        keys.put("aws:EpochTime", Long.toString(event.eventTime().getEpochSecond()));
        keys.put("aws:SecureTransport", "true");
        keys.put("aws:ViaAWSService", "false");
        if (!event.region().isEmpty()) {
            keys.put("aws:RequestedRegion", event.region());
        }
        event.sourceIp().filter(ip -> IpRange.parseAddress(ip).isPresent()).ifPresent(ip -> keys.put("aws:SourceIp", ip));
        event.vpcEndpointId().ifPresent(v -> keys.put("aws:SourceVpce", v));
        event.userAgent().ifPresent(ua -> keys.put("aws:UserAgent", ua));
        principalKeys(caller, id, keys, snapshot, unknowns);
        mfaKeys(event, caller, keys, unknowns);
        Optional<String> roleArn = roleArn(event);
        roleArn.ifPresent(role -> resourceKeys(role, snapshot, keys));
        federationKeys(event, caller, keys, unknowns);

        List<String> extra = new ArrayList<>();
        SecretState externalId;
        if (params.isPresent()) {
            RequestParameters p = params.get();
            p.roleSessionName().ifPresent(n -> keys.put("sts:RoleSessionName", n));
            p.externalId().ifPresent(x -> keys.put("sts:ExternalId", x));
            externalId = p.externalId().isPresent() ? SecretState.PRESENT : SecretState.ABSENT;
            p.sourceIdentity().ifPresent(s -> keys.put("sts:SourceIdentity", s));
            if (!p.tags().isEmpty()) {
                p.tags().forEach((k, v) -> keys.put("aws:RequestTag/" + k, v));
                keys.put("aws:TagKeys", List.copyOf(p.tags().keySet()));
                extra.add("sts:TagSession");
            }
            if (!p.transitiveTagKeys().isEmpty()) {
                keys.put("sts:TransitiveTagKeys", p.transitiveTagKeys());
            }
            if (p.sourceIdentity().isPresent()) {
                extra.add("sts:SetSourceIdentity");
            }
        } else {
            externalId = SecretState.UNKNOWN;
            keys.unknown("sts:ExternalId").unknown("sts:RoleSessionName").unknown("sts:SourceIdentity")
                    .unknown("aws:TagKeys").unknown("sts:TransitiveTagKeys").unknownPrefix("aws:RequestTag/");
            unknowns.add("requestParameters is null in the record: session name, ExternalId, duration, session tags and source identity are unknown");
            // the message names the first action AWS refused: sts:TagSession means AssumeRole itself passed
            event.message().action().filter(a -> a.equals("sts:TagSession") || a.equals("sts:SetSourceIdentity")).ifPresent(extra::add);
        }
        /*
         * "Monitor and control actions taken with assumed roles": once set, a source identity is
         * passed on to every chained session, and the next role's trust policy must allow
         * sts:SetSourceIdentity even when the request does not name one.
         */
        Optional<String> carried = id.sourceIdentity().filter(v -> caller.type == PrincipalType.ROLE_SESSION);
        if (carried.isPresent()) {
            if (params.flatMap(RequestParameters::sourceIdentity).isEmpty()) {
                keys.put("sts:SourceIdentity", carried.get());
            }
            if (!extra.contains("sts:SetSourceIdentity")) {
                extra.add("sts:SetSourceIdentity");
            }
        }
        if (caller.type == PrincipalType.ROLE_SESSION || caller.type == PrincipalType.FEDERATED_USER) {
            unknowns.add("a session policy the caller's own session may carry is not recorded; it was taken as absent");
        }
        boolean truncated = event.message().truncated() && event.parameters().flatMap(RequestParameters::roleArn).isEmpty()
                && event.resourceArns().isEmpty();
        return new RebuiltRequest(event.call(), caller.principal, id.type(), caller.issuerArn, roleArn, truncated, keys.build(), extra,
                caller.type == PrincipalType.ROLE_SESSION, params.flatMap(RequestParameters::durationSeconds),
                params.flatMap(RequestParameters::roleSessionName), externalId, params.map(RequestParameters::tags).orElse(Map.of()),
                params.flatMap(RequestParameters::sourceIdentity).or(() -> carried), unknowns);
    }

    /* The role: requestParameters, else the record's resources, else the errorMessage. */
    public static Optional<String> roleArn(AssumeRoleEvent event) {
        return event.parameters().flatMap(RequestParameters::roleArn)
                .or(() -> event.resourceArns().stream().filter(a -> a.contains(":role/")).findFirst())
                .or(() -> event.message().resource().filter(r -> r.contains(":role/")));
    }

    private record Caller(PrincipalType type, RequestPrincipal principal, Optional<String> issuerArn) {
    }

    private static Caller caller(AssumeRoleEvent event, Snapshot snapshot) {
        CallerIdentity id = event.caller();
        String arn = id.arn().or(() -> event.message().callerArn()).orElse("");
        Optional<String> account = id.accountId().or(() -> Optional.of(Arns.accountOf(arn)).filter(Arns::isAccountId));
        // AssumeRole never crosses partitions: without the caller's ARN, the role's tells the partition
        String partition = !arn.isEmpty() ? Arns.partitionOf(arn) : roleArn(event).map(Arns::partitionOf).orElse("aws");
        RequestPrincipal principal;
        switch (id.type()) {
            case "Root" -> principal = RequestPrincipal.root(partition, account.orElse(""));
            case "AWSService" -> principal = RequestPrincipal.service(id.invokedBy().orElse("unknown.amazonaws.com"));
            case "AWSAccount" -> principal = RequestPrincipal.inAccount(partition, account.orElse(""));
            case "WebIdentityUser" -> principal = RequestPrincipal.federated(PrincipalType.WEB_IDENTITY,
                    id.identityProvider().orElse(""), id.userName().orElse(""));
            // userIdentity.identityProvider of a SAML record is the assertion's name qualifier (a
            // hash), not the provider: its ARN is requestParameters.principalArn, when recorded
            case "SAMLUser" -> principal = RequestPrincipal.saml(event.parameters().flatMap(RequestParameters::principalArn),
                    id.userName().orElse(""));
            default -> {
                return iamCaller(arn, account, id, snapshot);
            }
        }
        return new Caller(principal.type(), principal, Optional.empty());
    }

    private static Caller iamCaller(String arn, Optional<String> account, CallerIdentity id, Snapshot snapshot) {
        String kind = Arns.iamTypeOf(arn).orElse("");
        Optional<String> uniqueId = id.principalId().map(p -> p.contains(":") ? p.substring(0, p.indexOf(':')) : p);
        if (kind.equals("assumed-role")) {
            String roleName = Arns.sessionRoleName(arn);
            String roleArn = id.issuerArn().orElseGet(() -> snapshot.account(account.orElse(""))
                    .flatMap(a -> a.roleNamed(roleName)).map(IamRole::arn)
                    .orElse("arn:" + Arns.partitionOf(arn) + ":iam::" + account.orElse("") + ":role/" + roleName));
            RequestPrincipal principal = new RequestPrincipal(PrincipalType.ROLE_SESSION, arn, roleArn, account, uniqueId, Optional.empty());
            return new Caller(PrincipalType.ROLE_SESSION, principal, Optional.of(roleArn));
        }
        if (kind.equals("federated-user")) {
            RequestPrincipal principal = new RequestPrincipal(PrincipalType.FEDERATED_USER, arn, arn, account, uniqueId, Optional.empty());
            Optional<String> issuer = id.issuerArn().or(() -> Optional.of(
                    "arn:" + Arns.partitionOf(arn) + ":iam::" + account.orElse("") + ":user/" + Arns.nameOf(arn)));
            return new Caller(PrincipalType.FEDERATED_USER, principal, issuer);
        }
        if (kind.equals("root")) {
            return new Caller(PrincipalType.ROOT, RequestPrincipal.root(Arns.partitionOf(arn), account.orElse("")), Optional.empty());
        }
        RequestPrincipal principal = new RequestPrincipal(PrincipalType.IAM_USER, arn, arn, account, uniqueId, Optional.empty());
        return new Caller(PrincipalType.IAM_USER, principal, Optional.of(arn));
    }

    private static void principalKeys(Caller caller, CallerIdentity id, ContextKeys.Builder keys, Snapshot snapshot, List<String> unknowns) {
        RequestPrincipal p = caller.principal;
        if (!p.type().awsIdentity()) {
            keys.put("aws:PrincipalIsAWSService", Boolean.toString(p.type() == PrincipalType.SERVICE));
            if (p.type() == PrincipalType.SERVICE) {
                keys.put("aws:PrincipalServiceName", p.issuer().orElse(""));
            }
            return;
        }
        keys.put("aws:PrincipalIsAWSService", "false");
        if (p.type() != PrincipalType.ACCOUNT_PRINCIPAL) {
            keys.put("aws:PrincipalArn", p.principalArn());
        } else {
            keys.unknown("aws:PrincipalArn").unknownPrefix("aws:PrincipalTag/");
            unknowns.add("the record names only the caller's account, not which principal called");
        }
        p.accountId().ifPresent(a -> keys.put("aws:PrincipalAccount", a));
        keys.put("aws:PrincipalType", switch (p.type()) {
            case IAM_USER -> "User";
            case ROLE_SESSION -> "AssumedRole";
            case FEDERATED_USER -> "FederatedUser";
            default -> "Account";
        });
        id.principalId().ifPresent(u -> keys.put("aws:userid", u));
        if (p.type() == PrincipalType.IAM_USER) {
            keys.put("aws:username", Arns.nameOf(p.arn()));
        }
        id.sessionCreated().ifPresent(t -> keys.put("aws:TokenIssueTime", t.toString()));
        id.sourceIdentity().ifPresent(s -> keys.put("aws:SourceIdentity", s));
        Optional<AccountSnapshot> account = p.accountId().flatMap(snapshot::account);
        Optional<Map<String, String>> tags = account.flatMap(a -> switch (p.type()) {
            case IAM_USER -> a.user(p.principalArn()).map(u -> u.tags());
            case ROLE_SESSION -> a.role(p.principalArn()).map(IamRole::tags);
            default -> Optional.<Map<String, String>>empty();
        });
        if (tags.isPresent()) {
            tags.get().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
        } else if (p.type() == PrincipalType.IAM_USER || p.type() == PrincipalType.ROLE_SESSION) {
            keys.unknownPrefix("aws:PrincipalTag/");
            unknowns.add("the caller's tags are unknown: its account or identity is not in the snapshot");
        }
        if (p.type() == PrincipalType.ROLE_SESSION) {
            unknowns.add("session tags of the caller's session are not recorded; the role's own tags were used as aws:PrincipalTag");
        }
        organizationKeys("aws:PrincipalOrgID", "aws:PrincipalOrgPaths", p.accountId(), snapshot, keys, unknowns);
    }

    /*
     * "AWS global condition context keys", aws:MultiFactorAuthPresent: the key is absent for
     * requests signed with long-term access keys, and present for temporary credentials (true or
     * false, from the session's sessionContext). An IAM user may pass its MFA device with the call
     * (SerialNumber/TokenCode), which then sets it to true. A failed record with null
     * requestParameters does not show whether it did: for long-term keys the key was then absent
     * or "true", never "false"; for a GetSessionToken session, its own value or "true".
     */
    private static void mfaKeys(AssumeRoleEvent event, Caller caller, ContextKeys.Builder keys, List<String> unknowns) {
        CallerIdentity id = event.caller();
        Optional<Boolean> sessionMfa = id.mfaAuthenticated();
        if (caller.type == PrincipalType.IAM_USER && !sessionMfa.orElse(false)) {
            Optional<Boolean> passedNow = event.parameters().map(p -> p.serialNumber().isPresent());
            if (passedNow.orElse(false)) {
                keys.put("aws:MultiFactorAuthPresent", "true").put("aws:MultiFactorAuthAge", "0");
                return;
            }
            ContextValue without = sessionMfa.isPresent() ? new ContextValue.Present(List.of("false")) : new ContextValue.Absent();
            if (passedNow.isPresent()) {
                if (without instanceof ContextValue.Present) {
                    keys.put("aws:MultiFactorAuthPresent", "false");
                }
                return;
            }
            keys.oneOf("aws:MultiFactorAuthPresent", List.of(without, new ContextValue.Present(List.of("true"))))
                    .oneOf("aws:MultiFactorAuthAge", List.of(new ContextValue.Absent(), new ContextValue.Present(List.of("0"))));
            unknowns.add("whether the caller passed an MFA code with the call is unknown: aws:MultiFactorAuthPresent was "
                    + (sessionMfa.isPresent() ? "\"false\"" : "absent (long-term access keys)") + " or \"true\"");
            return;
        }
        sessionMfa.ifPresent(mfa -> {
            keys.put("aws:MultiFactorAuthPresent", Boolean.toString(mfa));
            if (mfa) {
                id.sessionCreated().ifPresent(created -> keys.put("aws:MultiFactorAuthAge",
                        Long.toString(Math.max(0, Duration.between(created, event.eventTime()).getSeconds()))));
            }
        });
    }

    private static void resourceKeys(String roleArn, Snapshot snapshot, ContextKeys.Builder keys) {
        String account = Arns.accountOf(roleArn);
        keys.put("aws:ResourceAccount", account);
        snapshot.account(account).flatMap(a -> a.role(roleArn)).ifPresent(role -> role.tags().forEach((k, v) -> {
            keys.put("aws:ResourceTag/" + k, v);
            keys.put("iam:ResourceTag/" + k, v);
        }));
        organizationKeys("aws:ResourceOrgID", "aws:ResourceOrgPaths", Optional.of(account), snapshot, keys, new ArrayList<>());
    }

    private static void organizationKeys(String idKey, String pathsKey, Optional<String> account, Snapshot snapshot,
                                         ContextKeys.Builder keys, List<String> unknowns) {
        Optional<OrganizationSnapshot> org = snapshot.organization();
        if (org.isEmpty() || account.isEmpty()) {
            keys.unknown(idKey).unknown(pathsKey);
            unknowns.add("no organization snapshot: " + idKey + " is unknown");
            return;
        }
        if (org.get().contains(account.get())) {
            keys.put(idKey, org.get().id());
            keys.put(pathsKey, List.of(org.get().orgPath(account.get()).orElseThrow()));
        }
    }

    /*
     * Web identity: the record shows the token's sub (userName) and, inside principalId, its aud:
     * "<provider arn>:<aud>:<sub>". Claim keys are "<issuer>:sub", "<issuer>:aud"; other claims unknown.
     */
    private static void federationKeys(AssumeRoleEvent event, Caller caller, ContextKeys.Builder keys, List<String> unknowns) {
        CallerIdentity id = event.caller();
        if (caller.type == PrincipalType.WEB_IDENTITY) {
            String provider = id.identityProvider().orElse("");
            String issuer = provider.contains("oidc-provider/") ? provider.substring(provider.indexOf("oidc-provider/") + 14) : provider;
            String sub = id.userName().orElse("");
            keys.put(issuer + ":sub", sub);
            id.principalId().filter(p -> p.startsWith(provider + ":") && p.endsWith(":" + sub))
                    .map(p -> p.substring(provider.length() + 1, p.length() - sub.length() - 1))
                    .ifPresent(aud -> keys.put(issuer + ":aud", aud));
            keys.unknownPrefix(issuer + ":");
            unknowns.add("token claims other than sub and aud are not recorded");
        } else if (caller.type == PrincipalType.SAML) {
            id.userName().ifPresent(sub -> keys.put("SAML:sub", sub));
            keys.unknownPrefix("SAML:");
            unknowns.add("SAML assertion attributes other than the subject are not recorded");
        }
    }
}
