package dev.assumeroledoctor.remediation;

import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.ContextValue;
import dev.assumeroledoctor.evaluation.NamedPolicy;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A principal other than the caller (or the caller on another role), with everything its own side
 * could grant ("Action": "*"), so that only what the patches change can make a difference.
 */
record Sample(String description, RebuiltRequest request, String role, PolicySet before, PolicySet after) {
    /* An account no organization or snapshot uses: a stranger. */
    static final String STRANGER_ACCOUNT = "210987654321";
    private static final String SAMPLE = "assume-role-doctor-sample";
    /* Everything a sample's own side could grant: parsed once, documents are immutable. */
    private static final PolicyDocument ALLOW_ALL =
            PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    private static final List<String> PRINCIPAL_KEYS = List.of("aws:principal", "aws:userid", "aws:username", "aws:multifactorauth",
            "aws:tokenissuetime", "aws:sourceidentity");

    static List<Sample> of(RebuiltRequest request, String role, PolicySet before, PolicySet after) {
        List<Sample> samples = new ArrayList<>();
        Optional<String> callerAccount = request.callerAccount();
        if (request.caller().type().awsIdentity() && callerAccount.isPresent()) {
            String account = callerAccount.get();
            String otherRole = "arn:aws:iam::" + account + ":role/" + SAMPLE;
            String otherUser = "arn:aws:iam::" + account + ":user/" + SAMPLE;
            samples.add(otherPrincipal("another role of the caller's account", request, role, before, after,
                    new RequestPrincipal(PrincipalType.ROLE_SESSION, "arn:aws:sts::" + account + ":assumed-role/" + SAMPLE + "/sample",
                            otherRole, callerAccount, Optional.empty(), Optional.empty()), true));
            samples.add(otherPrincipal("another user of the caller's account", request, role, before, after,
                    RequestPrincipal.user(otherUser), true));
            String stranger = "arn:aws:iam::" + STRANGER_ACCOUNT + ":role/" + SAMPLE;
            samples.add(otherPrincipal("a role of a stranger account", request, role, before, after,
                    new RequestPrincipal(PrincipalType.ROLE_SESSION, "arn:aws:sts::" + STRANGER_ACCOUNT + ":assumed-role/" + SAMPLE + "/sample",
                            stranger, Optional.of(STRANGER_ACCOUNT), Optional.empty(), Optional.empty()), false));
            String otherTarget = "arn:aws:iam::" + Arns.accountOf(role) + ":role/" + SAMPLE + "-target";
            NamedPolicy trustsCallerAccount = new NamedPolicy(PolicyRef.trust(otherTarget), PolicyParser.parse(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                            + ":root\"},\"Action\":\"*\"}]}"));
            samples.add(new Sample("the caller", request, otherTarget, before.withTrust(trustsCallerAccount), after.withTrust(trustsCallerAccount)));
        }
        return samples;
    }

    private static Sample otherPrincipal(String description, RebuiltRequest request, String role, PolicySet before, PolicySet after,
                                         RequestPrincipal principal, boolean sameAccount) {
        ContextKeys.Builder keys = ContextKeys.builder();
        request.keys().present().forEach((key, values) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            boolean aboutPrincipal = PRINCIPAL_KEYS.stream().anyMatch(lower::startsWith);
            if (!aboutPrincipal || (sameAccount && lower.startsWith("aws:principalorg"))) {
                keys.put(key, values);
            }
        });
        keys.put("aws:PrincipalArn", principal.principalArn());
        principal.accountId().ifPresent(a -> keys.put("aws:PrincipalAccount", a));
        keys.put("aws:PrincipalType", principal.type() == PrincipalType.IAM_USER ? "User" : "AssumedRole");
        keys.put("aws:PrincipalIsAWSService", "false");
        if (sameAccount && request.keys().lookup("aws:PrincipalOrgID") instanceof ContextValue.Unknown) {
            keys.unknown("aws:PrincipalOrgID");
        }
        RebuiltRequest sample = new RebuiltRequest(request.call(), principal, "sample", Optional.of(principal.principalArn()),
                Optional.of(role), false, keys.build(), request.extraActions(), request.roleChaining(), request.durationSeconds(),
                request.sessionName(), request.externalId(), request.tags(), request.sourceIdentity(), List.of());
        NamedPolicy allowAll = new NamedPolicy(PolicyRef.inline(PolicyType.IDENTITY, "sample-allow-all", principal.principalArn()), ALLOW_ALL);
        return new Sample(description, sample, role, own(before, allowAll, sameAccount), own(after, allowAll, sameAccount));
    }

    private static PolicySet own(PolicySet set, NamedPolicy allowAll, boolean sameAccount) {
        return new PolicySet(set.trust(), List.of(allowAll), false, Optional.empty(), Optional.empty(), false,
                sameAccount ? set.scpLevels() : List.of(), set.rcpLevels());
    }
}
