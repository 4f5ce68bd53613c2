package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.PolicyResolver;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.NamedPolicy;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicySet;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.policy.PolicyDocument;
import dev.assumeroledoctor.policy.PolicyParser;
import dev.assumeroledoctor.snapshot.AccountSnapshot;
import dev.assumeroledoctor.snapshot.IamUser;
import dev.assumeroledoctor.snapshot.InlinePolicy;
import dev.assumeroledoctor.snapshot.StoredPolicy;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everyone a patch's edit can reach, computed from the snapshot and evaluated before and after
 * with their own policies ({@link BystanderScope} says who that is). A principal the snapshot does
 * not hold gets every permission its own side could grant ("Action": "*"), so only what the
 * patch changes can make a difference.
 */
final class Bystanders {
    /* Bounded work: a large account is sampled, and the report says so. */
    static final int LIMIT = 400;
    private static final String ALLOW_ALL_JSON = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    static final PolicyDocument ALLOW_ALL = PolicyParser.parse(ALLOW_ALL_JSON);

    private final RebuiltRequest request;
    private final String role;
    private final Snapshot before;
    private final Snapshot after;
    private final Map<String, Bystander> checked = new LinkedHashMap<>();
    private boolean bounded;

    Bystanders(RebuiltRequest request, String role, Snapshot before, Snapshot after) {
        this.request = request;
        this.role = role;
        this.before = before;
        this.after = after;
    }

    List<Bystander> all() {
        return List.copyOf(checked.values());
    }

    boolean bounded() {
        return bounded;
    }

    Snapshot before() {
        return before;
    }

    Snapshot after() {
        return after;
    }

    RebuiltRequest request() {
        return request;
    }

    String role() {
        return role;
    }

    /** A principal of the snapshot (its own policies) or not (everything its side could grant). */
    void principal(RequestPrincipal who, String onRole, String relation) {
        if (who.principalArn().equals(request.caller().principalArn()) && who.type() == request.caller().type()) {
            // the caller's own grant is the point of the patch; the caller elsewhere is checked as the caller
            if (!onRole.equals(role)) {
                caller("the caller", request.withRole(onRole), onRole, relation);
            }
            return;
        }
        RebuiltRequest as = BystanderRequests.of(request, who, onRole, before);
        boolean known = who.accountId().flatMap(before::account).map(a -> holds(a, who.principalArn())).orElse(false);
        check(describe(who), onRole, relation, as, known ? UnaryOperator.identity() : Bystanders::ownSideAllowsAll);
    }

    /**
     * Another principal with the edited managed policy attached — as its only permission policy,
     * or as the boundary over an identity that allows everything — added to both snapshots, so
     * the policy's own reach is what decides.
     */
    void sharer(String policyArn, PolicyType type, String onRole) {
        String account = Arns.accountOf(policyArn);
        String arn = "arn:" + Arns.partitionOf(onRole) + ":iam::" + account + ":user/assume-role-doctor-bystander";
        boolean boundary = type == PolicyType.BOUNDARY;
        IamUser user = new IamUser(arn, "assume-role-doctor-bystander", "AIDABYSTANDER", boundary
                ? List.of(new InlinePolicy("allow-all", new StoredPolicy(dev.assumeroledoctor.json.Json.readTree(ALLOW_ALL_JSON), ALLOW_ALL)))
                : List.of(), List.of(), boundary ? List.of() : List.of(policyArn), boundary ? Optional.of(policyArn) : Optional.empty(),
                Map.of(), Optional.empty());
        Snapshot was = with(before, user);
        Snapshot now = with(after, user);
        RequestPrincipal who = RequestPrincipal.user(arn);
        RebuiltRequest as = BystanderRequests.of(request, who, onRole, was);
        String relation = "another principal with " + Arns.nameOf(policyArn) + " attached as its " + (boundary ? "boundary" : "permission policy");
        record(new Bystander(arn, onRole, relation,
                PolicyResolver.resolve(as, onRole, was).policies().map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO),
                PolicyResolver.resolve(as, onRole, now).policies().map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO)));
    }

    private static Snapshot with(Snapshot snapshot, IamUser user) {
        AccountSnapshot account = snapshot.account(Arns.accountOf(user.arn())).orElseThrow();
        Map<String, IamUser> users = new java.util.HashMap<>(account.usersByArn());
        users.put(user.arn(), user);
        return snapshot.withAccount(new AccountSnapshot(account.accountId(), users, account.groupsByName(), account.rolesByArn(),
                account.policiesByArn(), account.oidcProviders(), account.samlProviderArns()));
    }

    void federated(String provider, String sub, String aud, String onRole, String relation) {
        check(sub + " via " + Arns.nameOf(provider), onRole, relation, BystanderRequests.federated(request, provider, sub, aud, onRole, before),
                UnaryOperator.identity());
    }

    /** The caller itself, on another role or with another value of a key the edit touches. */
    void caller(String who, RebuiltRequest as, String onRole, String relation) {
        check(who, onRole, relation, as, UnaryOperator.identity());
    }

    /** The caller on a role the snapshot does not hold, whose trust lets the caller's account in. */
    void callerOnUnknownRole(String onRole, String relation) {
        String account = request.callerAccount().orElse("");
        com.fasterxml.jackson.databind.node.ObjectNode doc = PolicyEdits.newPolicy();
        PolicyEdits.statements(doc).add(PolicyEdits.statement("Caller", "Allow", "AWS", Arns.rootArn(Arns.partitionOf(onRole), account), List.of("*"), null));
        NamedPolicy trust = new NamedPolicy(PolicyRef.trust(onRole), PolicyParser.parse(doc));
        Optional<PolicySet> was = PolicyResolver.resolve(request, role, before).policies().map(s -> s.withTrust(trust));
        Optional<PolicySet> now = PolicyResolver.resolve(request, role, after).policies().map(s -> s.withTrust(trust));
        RebuiltRequest as = request.withRole(onRole);
        record(new Bystander("the caller", onRole, relation, was.map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO),
                now.map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO)));
    }

    private void check(String who, String onRole, String relation, RebuiltRequest as, UnaryOperator<PolicySet> own) {
        Match was = PolicyResolver.resolve(as, onRole, before).policies().map(own).map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO);
        Match now = PolicyResolver.resolve(as, onRole, after).policies().map(own).map(s -> PatchVerifier.allowed(as, onRole, s)).orElse(Match.NO);
        record(new Bystander(who, onRole, relation, was, now));
    }

    private void record(Bystander b) {
        String key = b.who() + "\u0000" + b.role();
        if (checked.containsKey(key)) {
            return;
        }
        if (checked.size() >= LIMIT) {
            bounded = true;
            return;
        }
        checked.put(key, b);
    }

    static PolicySet ownSideAllowsAll(PolicySet set) {
        return new PolicySet(set.trust(), List.of(new NamedPolicy(PolicyRef.inline(PolicyType.IDENTITY, "bystander-allow-all", "bystander"),
                ALLOW_ALL)), false, Optional.empty(), Optional.empty(), false, set.scpLevels(), set.rcpLevels());
    }

    private static boolean holds(AccountSnapshot account, String arn) {
        return account.user(arn).isPresent() || account.role(arn).isPresent();
    }

    private static String describe(RequestPrincipal who) {
        return who.type() == dev.assumeroledoctor.evaluation.PrincipalType.ROLE_SESSION ? who.principalArn() : who.arn();
    }

    /** Concrete ARNs that a Resource pattern covers besides the one asked for: its wildcards filled in. */
    static List<String> instances(JsonNode statement) {
        List<String> out = new ArrayList<>();
        for (String pattern : PolicyEdits.values(statement.path("Resource"))) {
            if (pattern.contains(":role/") && (pattern.contains("*") || pattern.contains("?"))) {
                out.add(pattern.replace("*", "assume-role-doctor-sample").replace("?", "x"));
            }
        }
        return out;
    }
}
