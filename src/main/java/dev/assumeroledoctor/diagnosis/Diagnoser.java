package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ActionAuthorization;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.AssumeRoleAuthorizer;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.AwsPolicyType;
import dev.assumeroledoctor.event.DenialMessage;
import dev.assumeroledoctor.policy.PrincipalKind;
import dev.assumeroledoctor.snapshot.DataGap;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** From one failed call and a snapshot: why AWS denied it. Pure: no I/O, no clock, no AWS. */
public final class Diagnoser {
    /* IAM is eventually consistent: a role or trust change takes seconds to reach every endpoint. */
    static final Duration RECENT_CHANGE = Duration.ofMinutes(10);
    static final int ROLE_CHAINING_LIMIT = 3600;
    static final int MIN_DURATION = 900;
    /* Refusals STS makes before or beside policy evaluation: no policy can allow these requests. */
    private static final java.util.Set<CauseId> DENIED_OUTSIDE_POLICY = java.util.EnumSet.of(CauseId.ROOT_CALLER,
            CauseId.FEDERATION_PROVIDER, CauseId.CONDITION_MFA, CauseId.CONDITION_FEDERATION_CLAIMS);
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private Diagnoser() {
    }

    public static Diagnosis diagnose(AssumeRoleEvent event, Snapshot snapshot) {
        RebuiltRequest request = RequestRebuilder.rebuild(event, snapshot);
        List<Cause> causes = new ArrayList<>(requestCauses(event, request));
        List<String> unknowns = new ArrayList<>(request.unknowns());
        for (DataGap gap : snapshot.gaps()) {
            if (gap.touches() == DataGap.Decision.ROLE_OWN_POLICIES) {
                // decides nothing of this request by itself (PolicyResolver makes it a gap of the caller when the role is the caller)
                unknowns.add("not read: " + gap.what() + " (" + gap.why() + "); it touches " + gap.touches().phrase());
            } else {
                causes.add(gapCause(gap));
            }
        }
        List<RoleAssessment> assessments = new ArrayList<>();
        for (String roleArn : candidateRoles(event, request, snapshot, causes)) {
            RoleAssessment assessment = assess(request.withRole(roleArn), roleArn, event.eventTime(), snapshot, causes);
            assessments.add(assessment);
        }
        if (request.caller().type() == PrincipalType.SAML && request.caller().issuer().isEmpty()) {
            unknowns.add(samlProviders(assessments, snapshot));
        }
        Match allowed = assessments.stream().map(RoleAssessment::allowed).reduce(Match.NO, Match::or);
        if (causes.stream().anyMatch(c -> DENIED_OUTSIDE_POLICY.contains(c.id()) && c.policyType().isEmpty())) {
            allowed = Match.NO;
        }
        if (allowed != Match.NO && event.message().policyType().filter(t -> t == AwsPolicyType.SESSION).isPresent()) {
            // session policies are never recorded: AWS's own word is the only evidence, and it fits
            causes.add(new Cause(CauseId.SESSION_POLICY_NO_ALLOW, Optional.of(PolicyType.SESSION), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), "AWS reports that no session policy of the caller's session allows "
                    + event.message().action().orElse("the action") + "; session policies are not recorded, and every other policy allows it.", true));
            allowed = Match.NO;
        }
        boolean explainedOutsidePolicy = causes.stream().anyMatch(c -> c.policyType().isEmpty() && c.id() != CauseId.ROLE_RECENTLY_CHANGED
                && c.id() != CauseId.INSUFFICIENT_DATA);
        if (allowed == Match.YES && !explainedOutsidePolicy) {
            causes.add(Cause.of(CauseId.NOT_REPRODUCED, "Today's policies allow this request: they changed since the failure"
                    + (causes.stream().anyMatch(c -> c.id() == CauseId.ROLE_RECENTLY_CHANGED) ? " (the role was just created or changed)" : "")
                    + ", or the record lacks context that decided it (a session policy, session tags, an ExternalId or MFA code)."));
        }
        if (snapshot.organization().isEmpty() && event.message().policyType()
                .filter(t -> t == AwsPolicyType.SCP || t == AwsPolicyType.RCP).isPresent()) {
            causes.add(Cause.of(CauseId.INSUFFICIENT_DATA, "AWS names a " + event.message().policyType().get().phrase()
                    + ", and no organization snapshot was given: the SCPs and RCPs cannot be checked."));
        }
        List<Cause> distinct = distinct(causes);
        Verdict verdict = verdict(allowed, distinct, event.message());
        return new Diagnosis(verdict, event, request, distinct, unknowns, attribution(event.message(), distinct, allowed), assessments);
    }

    /* A gap names the one decision it could change; the causes decided without it stay as certain as they are. */
    private static Cause gapCause(DataGap gap) {
        return Cause.of(CauseId.INSUFFICIENT_DATA, "Could not read " + gap.what() + ": " + gap.why() + ". It touches "
                + gap.touches().phrase() + ".");
    }

    private static List<Cause> distinct(List<Cause> causes) {
        java.util.Map<Cause.Key, Cause> byKey = new java.util.LinkedHashMap<>();
        for (Cause cause : causes) {
            byKey.merge(cause.key(), cause, Cause::merge);
        }
        return List.copyOf(byKey.values());
    }

    private static RoleAssessment assess(RebuiltRequest request, String roleArn, java.time.Instant eventTime, Snapshot snapshot,
                                         List<Cause> causes) {
        ResolvedPolicies resolved = PolicyResolver.resolve(request, roleArn, snapshot, request.roleArnTruncated());
        for (DataGap gap : resolved.gaps()) {
            causes.add(gapCause(gap));
        }
        if (!resolved.roleAccountKnown()) {
            // the role's account was not given, or the role could not be read: whether it lets the caller in is unknown
            return new RoleAssessment(roleArn, Optional.empty(), Optional.empty(), List.of(), true);
        }
        if (resolved.role().isEmpty()) {
            causes.add(roleNotFound(roleArn, snapshot.account(Arns.accountOf(roleArn)).orElseThrow()));
            return new RoleAssessment(roleArn, Optional.empty(), Optional.empty(), List.of());
        }
        IamRole role = resolved.role().get();
        roleCauses(request, role, snapshot.account(Arns.accountOf(role.arn())).orElseThrow(), eventTime, causes);
        List<ActionAuthorization> authorizations = new ArrayList<>();
        for (String action : request.actions()) {
            ActionAuthorization auth = AssumeRoleAuthorizer.authorize(request.context(action, role.arn()), resolved.policies().orElseThrow());
            authorizations.add(auth);
            if (auth.allowed() != Match.YES && request.caller().type() != PrincipalType.ROOT) {
                CauseFinder.find(auth, request).forEach(c -> causes.add(c.forAction(action)));
            }
        }
        return new RoleAssessment(role.arn(), Optional.of(role), resolved.policies(), authorizations);
    }

    /* Causes that the request itself carries, before any policy is read. */
    private static List<Cause> requestCauses(AssumeRoleEvent event, RebuiltRequest request) {
        List<Cause> causes = new ArrayList<>();
        DenialMessage message = event.message();
        if (request.caller().type() == PrincipalType.ROOT || message.kind() == dev.assumeroledoctor.event.MessageKind.ROOT_CALLER) {
            causes.add(Cause.of(CauseId.ROOT_CALLER, "The caller is the account's root user, and roles may not be assumed by root accounts."));
        }
        Optional<Integer> duration = request.durationSeconds();
        switch (message.kind()) {
            case ROLE_CHAINING_DURATION -> causes.add(chaining(duration));
            case MAX_SESSION_DURATION -> causes.add(Cause.of(CauseId.MAX_SESSION_DURATION, "The request asked for a longer session"
                    + duration.map(d -> " (" + d + " s)").orElse("") + " than the role's MaxSessionDuration allows."));
            case REQUEST_INVALID -> causes.add(Cause.of(CauseId.REQUEST_INVALID, "AWS rejected the request itself: " + bounded(event.errorMessage())));
            case REGION_DISABLED -> causes.add(Cause.of(CauseId.STS_REGION_DISABLED, "STS is not activated in " + event.region()
                    + " for the caller's account, and the call went to that region's endpoint."));
            case MFA_FAILED -> causes.add(Cause.of(CauseId.CONDITION_MFA, "The MFA code passed with the call did not validate (wrong or reused code, or a device not assigned to the caller)."));
            case PROVIDER_NOT_FOUND -> causes.add(Cause.of(CauseId.FEDERATION_PROVIDER, "The role's account has no IAM OIDC provider for the token's issuer: " + bounded(event.errorMessage())));
            case TOKEN_REJECTED -> causes.add(Cause.of(CauseId.CONDITION_FEDERATION_CLAIMS, "STS rejected the token's claims: " + bounded(event.errorMessage())
                    + " (an audience must be in the provider's client ID list)."));
            default -> {
                if (request.roleChaining() && duration.filter(d -> d > ROLE_CHAINING_LIMIT).isPresent()) {
                    causes.add(chaining(duration));
                }
            }
        }
        if (message.kind() != dev.assumeroledoctor.event.MessageKind.REQUEST_INVALID) {
            duration.filter(d -> d < MIN_DURATION).ifPresent(d -> causes.add(Cause.of(CauseId.REQUEST_INVALID,
                    "The request asked for " + d + " s; STS sessions last at least " + MIN_DURATION + " s.")));
            request.sessionName().filter(n -> !SESSION_NAME.matcher(n).matches()).ifPresent(n -> causes.add(Cause.of(CauseId.REQUEST_INVALID,
                    "The session name does not match [\\w+=,.@-]{2,64}.")));
        }
        return causes;
    }

    private static Cause chaining(Optional<Integer> duration) {
        return Cause.of(CauseId.ROLE_CHAINING_DURATION, "A role session assuming another role (role chaining) may ask for at most "
                + ROLE_CHAINING_LIMIT + " s" + duration.map(d -> "; it asked for " + d + " s").orElse("") + ".");
    }

    private static void roleCauses(RebuiltRequest request, IamRole role, AccountSnapshot account, java.time.Instant eventTime,
                                   List<Cause> causes) {
        boolean chainingBlamed = causes.stream().anyMatch(c -> c.id() == CauseId.ROLE_CHAINING_DURATION || c.id() == CauseId.MAX_SESSION_DURATION);
        request.durationSeconds().filter(d -> !chainingBlamed && d > role.maxSessionDuration()).ifPresent(d ->
                causes.add(Cause.of(CauseId.MAX_SESSION_DURATION, "The request asked for " + d + " s, more than the role's MaxSessionDuration of "
                        + role.maxSessionDuration() + " s.")));
        role.created().ifPresent(created -> {
            Duration sinceCreation = Duration.between(created, eventTime);
            if (sinceCreation.compareTo(RECENT_CHANGE) < 0) {
                causes.add(Cause.of(CauseId.ROLE_RECENTLY_CHANGED, sinceCreation.isNegative()
                        ? "The role was created " + (-sinceCreation.getSeconds()) + " s after the failure: at the time, it did not exist yet."
                        : "The role was created " + sinceCreation.getSeconds() + " s before the failure; IAM changes take seconds to propagate, so a retry would likely succeed."));
            }
        });
        if (request.call().federated() && causes.stream().noneMatch(c -> c.id() == CauseId.FEDERATION_PROVIDER)) {
            request.caller().issuer().filter(provider -> provider.startsWith("arn:"))
                    .filter(provider -> account.oidcProvider(provider).isEmpty() && !account.samlProviderArns().contains(provider))
                    .ifPresent(provider -> causes.add(Cause.of(CauseId.FEDERATION_PROVIDER, "The identity provider " + provider
                            + " does not exist in account " + account.accountId() + ": create it, or fix the Federated principal.")));
        }
    }

    /*
     * A web-identity or SAML message names no role: when the record does not either, every role
     * of the account whose trust policy names the token's provider is a candidate.
     */
    private static List<String> candidateRoles(AssumeRoleEvent event, RebuiltRequest request, Snapshot snapshot, List<Cause> causes) {
        if (request.roleArn().isPresent()) {
            return List.of(request.roleArn().get());
        }
        if (!request.call().federated()) {
            // a root caller's message names no role: ROOT_CALLER already says everything
            if (request.caller().type() != PrincipalType.ROOT) {
                causes.add(Cause.of(CauseId.INSUFFICIENT_DATA, "The record names no role: neither its request parameters, its resources nor its error message."));
            }
            return List.of();
        }
        Optional<String> provider = request.caller().issuer();
        Optional<String> account = event.recipientAccountId().or(() -> provider.map(Arns::accountOf));
        Optional<AccountSnapshot> snap = account.flatMap(snapshot::account);
        if (snap.isEmpty()) {
            causes.add(Cause.of(CauseId.INSUFFICIENT_DATA, "The record names no role, and no IAM snapshot of account "
                    + account.orElse("(unknown)") + " was given to find the roles that trust the provider."));
            return List.of();
        }
        List<String> roles = snap.get().rolesByArn().values().stream()
                .filter(r -> r.trustPolicy().document().statements().stream()
                        .anyMatch(s -> s.principal().map(p -> p.valuesOf(PrincipalKind.FEDERATED).stream()
                                .anyMatch(v -> provider.map(v::equals).orElse(v.contains(":saml-provider/")))).orElse(false)))
                .map(IamRole::arn).sorted().toList();
        if (roles.isEmpty()) {
            causes.add(Cause.of(CauseId.FEDERATION_PROVIDER, "No role of account " + account.get() + " names "
                    + provider.map(p -> "the token's provider " + p).orElse("any SAML provider") + " as a Federated principal."));
        }
        return roles;
    }

    /*
     * A SAML record's identityProvider is the assertion's name qualifier, a hash of the issuer, the
     * account and the provider name: the provider itself is only in requestParameters.principalArn.
     */
    private static String samlProviders(List<RoleAssessment> assessments, Snapshot snapshot) {
        List<String> named = new ArrayList<>();
        for (RoleAssessment a : assessments) {
            a.role().ifPresent(role -> role.trustPolicy().document().statements().forEach(s -> s.principal().ifPresent(p ->
                    p.valuesOf(PrincipalKind.FEDERATED).stream().filter(v -> v.contains(":saml-provider/")).forEach(v -> {
                        boolean exists = snapshot.account(Arns.accountOf(v)).map(acc -> acc.samlProviderArns().contains(v)).orElse(false);
                        String entry = v + (exists ? " (exists)" : " (not in the account's SAML providers)");
                        if (!named.contains(entry)) {
                            named.add(entry);
                        }
                    }))));
        }
        return "the record does not name the SAML provider (requestParameters is null, and userIdentity.identityProvider is the"
                + " assertion's name qualifier, not a provider ARN); the providers that could have been used: "
                + (named.isEmpty() ? "none named by the role's trust policy" : String.join(", ", named));
    }

    private static Cause roleNotFound(String roleArn, AccountSnapshot account) {
        String name = Arns.nameOf(roleArn);
        Optional<String> similar = account.rolesByArn().values().stream()
                .filter(r -> r.name().equalsIgnoreCase(name) || editDistance(r.name().toLowerCase(), name.toLowerCase()) <= 2)
                .map(IamRole::arn).sorted().findFirst();
        return Cause.of(CauseId.ROLE_NOT_FOUND, "No role " + roleArn + " exists in account " + account.accountId()
                + " (AWS answers AccessDenied, not NoSuchEntity)" + similar.map(s -> "; did you mean " + s + "?").orElse("."));
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static Verdict verdict(Match allowed, List<Cause> causes, DenialMessage message) {
        if (causes.stream().anyMatch(c -> c.id().name().endsWith("_EXPLICIT_DENY") && !c.inferred())) {
            return Verdict.EXPLICIT_DENY;
        }
        if (allowed == Match.YES) {
            return Verdict.ALLOWED;
        }
        // AWS's message says what decided at the time; today's policies, as far as the report knows them, may not show it
        return allowed == Match.UNKNOWN ? Verdict.UNDETERMINED : Verdict.IMPLICIT_DENY;
    }

    private static Optional<AwsAttribution> attribution(DenialMessage message, List<Cause> causes, Match allowed) {
        if (message.policyType().isEmpty()) {
            return Optional.empty();
        }
        AwsPolicyType awsType = message.policyType().get();
        PolicyType ours = switch (awsType) {
            case IDENTITY -> PolicyType.IDENTITY;
            case TRUST, RESOURCE -> PolicyType.TRUST;
            case BOUNDARY -> PolicyType.BOUNDARY;
            case SESSION -> PolicyType.SESSION;
            case SCP -> PolicyType.SCP;
            case RCP -> PolicyType.RCP;
            case VPC_ENDPOINT -> null;
        };
        boolean agrees = ours != null && causes.stream().anyMatch(c -> c.policyType().filter(t -> t == ours).isPresent()
                && c.id().name().endsWith("_EXPLICIT_DENY") == message.explicitDeny());
        String article = "aeiou".indexOf(Character.toLowerCase(awsType.phrase().charAt(0))) >= 0 ? "an " : "a ";
        String said = (message.explicitDeny() ? "an explicit deny in " : "no allow in ") + article + awsType.phrase();
        String note = agrees ? "AWS blamed " + said + ", and so does this diagnosis."
                : allowed == Match.YES ? "AWS blamed " + said + ", which today's policies no longer show: they changed since."
                : "AWS blamed " + said + ", which this diagnosis does not find in today's policies: they may have changed, or the snapshot differs from what AWS evaluated.";
        return Optional.of(new AwsAttribution(awsType.name().toLowerCase(java.util.Locale.ROOT), message.explicitDeny(),
                message.policyArn(), agrees, note));
    }

    /* Error text is caller-influenced (it echoes session names): keep it short in a cause. */
    private static String bounded(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
