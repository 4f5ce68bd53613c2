package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Redaction;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.ContextKeys;
import dev.assumeroledoctor.evaluation.ContextValue;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamRole;
import dev.assumeroledoctor.snapshot.IamUser;
import dev.assumeroledoctor.snapshot.OrganizationSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who an edit can reach: the principals a patched trust statement names (accounts, roles, users,
 * "*", identity providers with other subjects, services); everyone sharing an edited managed
 * policy or boundary, or living under an edited SCP; the caller on every other role an edited
 * permission reaches; the caller with other values of every condition key the edit touches; and
 * the generic strangers (another role and user of the caller's account, a stranger account).
 */
final class BystanderScope {
    /* An account no organization or snapshot uses. */
    static final String STRANGER_ACCOUNT = "210987654321";
    private static final String SAMPLE = "assume-role-doctor-sample";
    private static final int PER_ACCOUNT = 25;
    private static final Set<String> IDENTIFYING = Set.of("aws:principalarn", "aws:userid", "aws:username", "saml:sub", "aws:principalaccount");

    private BystanderScope() {
    }

    static void enumerate(Bystanders b, List<Patch> patches) {
        strangers(b);
        for (Patch patch : patches) {
            PatchTarget target = patch.target();
            if (target instanceof PatchTarget.TrustPolicy t) {
                for (JsonNode s : statements(patch.document())) {
                    if ("Allow".equals(s.path("Effect").asText())) {
                        named(b, s, t.roleArn());
                    }
                }
            } else {
                if (target instanceof PatchTarget.ManagedPolicy m) {
                    sharers(b, m.policyArn());
                    b.sharer(m.policyArn(), m.policyType(), b.role());
                } else if (target instanceof PatchTarget.InlinePolicy i && i.ownerArn().contains(":group/")) {
                    groupMembers(b, i.ownerArn());
                } else if (target instanceof PatchTarget.OrganizationPolicy o) {
                    underPolicy(b, o.policyId());
                }
                coveredRoles(b, patch);
            }
            conditionVariants(b, patch);
        }
    }

    /* A sample user or role of an account, in the role's partition: a trust policy in aws-cn or aws-us-gov names arn:aws-cn:…, arn:aws-us-gov:… principals. */
    private static String iam(String role, String account, String kind) {
        return "arn:" + Arns.partitionOf(role) + ":iam::" + account + ":" + kind + SAMPLE;
    }

    private static void strangers(Bystanders b) {
        RebuiltRequest r = b.request();
        r.callerAccount().filter(a -> r.caller().type().awsIdentity()).ifPresent(account -> {
            b.principal(BystanderRequests.sessionOf(iam(b.role(), account, "role/")), b.role(), "another role of the caller's account");
            b.principal(RequestPrincipal.user(iam(b.role(), account, "user/")), b.role(), "another user of the caller's account");
            b.callerOnUnknownRole(iam(b.role(), Arns.accountOf(b.role()), "role/") + "-target", "the caller on another role");
        });
        b.principal(BystanderRequests.sessionOf(iam(b.role(), STRANGER_ACCOUNT, "role/")), b.role(), "a role of a stranger account");
    }

    private static void named(Bystanders b, JsonNode statement, String role) {
        String relation = "named by " + statement.path("Sid").asText("a statement") + " of the trust policy of " + Arns.nameOf(role);
        JsonNode principal = statement.path("Principal");
        List<String> aws = principal.isTextual() ? List.of(principal.textValue()) : PolicyEdits.values(principal.path("AWS"));
        for (String value : aws) {
            if (value.equals("*")) {
                b.principal(BystanderRequests.sessionOf(iam(role, STRANGER_ACCOUNT, "role/")), role, relation + " (\"*\")");
                b.principal(RequestPrincipal.user(iam(role, Arns.accountOf(role), "user/")), role, relation + " (\"*\")");
                b.request().callerAccount().ifPresent(a ->
                        b.principal(RequestPrincipal.user(iam(role, a, "user/")), role, relation + " (\"*\")"));
            } else if (Arns.isAccountId(value) || value.endsWith(":root")) {
                accountPrincipals(b, Arns.isAccountId(value) ? value : Arns.accountOf(value), role, relation);
            } else if (value.contains(":role/")) {
                b.principal(BystanderRequests.sessionOf(value), role, relation);
            } else if (value.contains(":user/")) {
                b.principal(RequestPrincipal.user(value), role, relation);
            }
        }
        for (String provider : PolicyEdits.values(principal.path("Federated"))) {
            federated(b, statement, provider, role, relation);
        }
        for (String service : PolicyEdits.values(principal.path("Service"))) {
            b.principal(RequestPrincipal.service(service), role, relation);
        }
    }

    private static void accountPrincipals(Bystanders b, String account, String role, String relation) {
        b.principal(RequestPrincipal.user(iam(role, account, "user/")), role, relation);
        b.principal(BystanderRequests.sessionOf(iam(role, account, "role/")), role, relation);
        b.before().account(account).ifPresent(a -> {
            a.usersByArn().keySet().stream().sorted().limit(PER_ACCOUNT).forEach(u -> b.principal(RequestPrincipal.user(u), role, relation));
            a.rolesByArn().keySet().stream().sorted().limit(PER_ACCOUNT)
                    .forEach(r -> b.principal(BystanderRequests.sessionOf(r), role, relation));
        });
    }

    /* Other subjects of the provider: what the statement's patterns admit, and the caller's neighbours (another repository, another owner). */
    private static void federated(Bystanders b, JsonNode statement, String provider, String role, String relation) {
        boolean saml = provider.contains(":saml-provider/");
        String issuer = saml ? "SAML" : provider.substring(provider.indexOf("oidc-provider/") + 14);
        List<String> auds = conditionValues(statement, issuer + ":aud");
        String aud = !auds.isEmpty() && !auds.get(0).contains("*") ? auds.get(0)
                : saml ? "https://signin.aws.amazon.com/saml" : single(b.request(), issuer + ":aud").orElse("sts.amazonaws.com");
        Set<String> subjects = new LinkedHashSet<>();
        conditionValues(statement, issuer + ":sub").forEach(p -> subjects.add(p.replace("*", SAMPLE).replace("?", "x")));
        subjects.add(SAMPLE);
        RequestPrincipal caller = b.request().caller();
        if (caller.issuer().filter(provider::equals).isPresent()) {
            String sub = caller.arn();
            subjects.add(sub + "-other");
            if (sub.startsWith("repo:") && sub.indexOf('/') > 5 && sub.indexOf(':', 5) > sub.indexOf('/')) {
                int slash = sub.indexOf('/');
                int colon = sub.indexOf(':', 5);
                subjects.add(sub.substring(0, slash + 1) + SAMPLE + sub.substring(colon));
                subjects.add("repo:" + SAMPLE + sub.substring(slash));
            }
            subjects.remove(sub);
        }
        subjects.forEach(sub -> b.federated(provider, sub, aud, role, relation));
    }

    private static void sharers(Bystanders b, String policyArn) {
        b.before().account(Arns.accountOf(policyArn)).ifPresent(a -> {
            a.usersByArn().values().stream().filter(u -> u.attachedPolicyArns().contains(policyArn)
                    || u.boundaryArn().filter(policyArn::equals).isPresent() || inGroupWith(a, u, policyArn))
                    .map(IamUser::arn).sorted().limit(PER_ACCOUNT * 4)
                    .forEach(u -> b.principal(RequestPrincipal.user(u), b.role(), "shares " + Arns.nameOf(policyArn)));
            a.rolesByArn().values().stream().filter(r -> r.attachedPolicyArns().contains(policyArn)
                    || r.boundaryArn().filter(policyArn::equals).isPresent())
                    .map(IamRole::arn).sorted().limit(PER_ACCOUNT * 4)
                    .forEach(r -> b.principal(BystanderRequests.sessionOf(r), b.role(), "shares " + Arns.nameOf(policyArn)));
        });
    }

    private static boolean inGroupWith(AccountSnapshot a, IamUser u, String policyArn) {
        return u.groupNames().stream().map(a.groupsByName()::get).anyMatch(g -> g != null && g.attachedPolicyArns().contains(policyArn));
    }

    private static void groupMembers(Bystanders b, String groupArn) {
        b.before().account(Arns.accountOf(groupArn)).ifPresent(a -> a.usersByArn().values().stream()
                .filter(u -> u.groupNames().contains(Arns.nameOf(groupArn))).map(IamUser::arn).sorted().limit(PER_ACCOUNT * 4)
                .forEach(u -> b.principal(RequestPrincipal.user(u), b.role(), "member of " + Arns.nameOf(groupArn))));
    }

    /* Every account an SCP or RCP governs: its principals, and one it does not hold. */
    private static void underPolicy(Bystanders b, String policyId) {
        Optional<OrganizationSnapshot> org = b.before().organization();
        if (org.isEmpty()) {
            return;
        }
        List<String> targets = org.get().targets().entrySet().stream().filter(e -> e.getValue().contains(policyId)).map(e -> e.getKey()).toList();
        org.get().accountPaths().entrySet().stream()
                .filter(e -> targets.contains(e.getKey()) || e.getValue().stream().anyMatch(targets::contains))
                .map(e -> e.getKey()).sorted()
                .forEach(account -> accountPrincipals(b, account, b.role(), "in account " + account + " under " + policyId));
    }

    /* The caller on every role an edited permission may reach: the snapshot's roles, and what the edited patterns cover. */
    private static void coveredRoles(Bystanders b, Patch patch) {
        for (AccountSnapshot a : b.before().accounts().values()) {
            a.rolesByArn().keySet().stream().filter(r -> !r.equals(b.role())).sorted().limit(PER_ACCOUNT * 2)
                    .forEach(r -> b.caller("the caller", b.request().withRole(r), r, "another role the edited policy reaches"));
        }
        for (JsonNode s : statements(patch.document())) {
            for (String instance : Bystanders.instances(s)) {
                boolean known = b.before().account(Arns.accountOf(instance)).flatMap(a -> a.role(instance)).isPresent();
                if (!known && !instance.equals(b.role())) {
                    b.callerOnUnknownRole(instance, "a role that " + s.path("Sid").asText("the edited statement") + " also covers");
                }
            }
        }
    }

    /*
     * The caller again, with another value (or none) of each condition key that governs the
     * caller's own grant after the patch: the trust statements that name it, or the Allow
     * statements of an edited permission policy. A condition dropped or widened for the caller
     * shows as the caller passing with a value it could not pass with before.
     */
    private static void conditionVariants(Bystanders b, Patch patch) {
        Set<String> keys = new LinkedHashSet<>();
        boolean trust = patch.target() instanceof PatchTarget.TrustPolicy;
        for (JsonNode s : statements(patch.document())) {
            boolean governs = "Allow".equals(s.path("Effect").asText()) && (!trust || namesCaller(s.path("Principal"), b.request()));
            if (governs) {
                s.path("Condition").forEach(op -> op.fieldNames().forEachRemaining(keys::add));
            }
        }
        RebuiltRequest r = b.request();
        for (String key : keys) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (IDENTIFYING.contains(lower) || lower.endsWith(":sub") || lower.equals("aws:currenttime") || lower.equals("aws:epochtime")) {
                continue;
            }
            String shown = Redaction.isSecret(key) ? "another value" : other(lower);
            ContextKeys.Builder changed = r.keys().toBuilder().put(key, other(lower));
            b.caller("the caller with " + key + " " + shown, r.withKeys(changed.build()), b.role(), "another value of a key the patch uses");
            ContextKeys without = r.keys().toBuilder().remove(key).build();
            // a key under a prefix the record leaves unknown cannot be made absent (a token's claims)
            if (r.keys().lookup(key) instanceof ContextValue.Present && without.lookup(key) instanceof ContextValue.Absent) {
                b.caller("the caller without " + key, r.withKeys(without), b.role(), "another value of a key the patch uses");
            }
        }
    }

    private static boolean namesCaller(JsonNode principal, RebuiltRequest r) {
        if (principal.isTextual()) {
            return principal.textValue().equals("*");
        }
        RequestPrincipal caller = r.caller();
        for (String v : PolicyEdits.values(principal.path("AWS"))) {
            if (v.equals("*") || v.equals(caller.principalArn()) || caller.accountId().filter(a -> v.equals(a) || v.endsWith(":" + a + ":root")).isPresent()) {
                return true;
            }
        }
        return PolicyEdits.values(principal.path("Federated")).stream().anyMatch(v -> caller.issuer().filter(v::equals).isPresent());
    }

    private static String other(String lowerKey) {
        if (lowerKey.equals("aws:sourceip")) {
            return "203.0.113.254";
        }
        if (lowerKey.startsWith("aws:multifactorauthpresent") || lowerKey.equals("aws:securetransport")) {
            return "false";
        }
        return "assume-role-doctor-other";
    }

    private static List<String> conditionValues(JsonNode statement, String key) {
        List<String> out = new ArrayList<>();
        statement.path("Condition").forEach(op -> op.fields().forEachRemaining(e -> {
            if (e.getKey().equalsIgnoreCase(key)) {
                out.addAll(PolicyEdits.values(e.getValue()));
            }
        }));
        return out;
    }

    private static Optional<String> single(RebuiltRequest r, String key) {
        return r.keys().lookup(key) instanceof ContextValue.Present p && p.values().size() == 1 ? Optional.of(p.values().get(0)) : Optional.empty();
    }

    private static List<JsonNode> statements(JsonNode document) {
        JsonNode s = document.path("Statement");
        List<JsonNode> out = new ArrayList<>();
        if (s.isObject()) {
            out.add(s);
        } else {
            s.forEach(out::add);
        }
        return out;
    }
}
