package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.evaluation.ActionAuthorization;
import dev.assumeroledoctor.evaluation.ConditionTrace;
import dev.assumeroledoctor.evaluation.LevelOutcome;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.evaluation.PolicyOutcome;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.evaluation.PrincipalMatch;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.evaluation.StatementTrace;
import dev.assumeroledoctor.policy.Effect;
import dev.assumeroledoctor.policy.PrincipalKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Names every blocker of one action from its authorization trace. A part that certainly fails
 * gives a cause; a part that fails only for some value the record does not tell gives an
 * inferred cause, since AWS did deny.
 */
final class CauseFinder {
    private CauseFinder() {
    }

    static List<Cause> find(ActionAuthorization auth, RebuiltRequest request) {
        List<Cause> causes = new ArrayList<>();
        String action = auth.action();
        explicitDenies(auth, causes);
        for (LevelOutcome level : auth.scp()) {
            Match allows = level.allows();
            if (allows != Match.YES && !level.unknown()) {
                PolicyRef ref = new PolicyRef(PolicyType.SCP, "SCPs at " + level.targetId(), Optional.empty(), Optional.empty(),
                        Optional.of(level.targetId()));
                causes.add(Cause.inPolicy(CauseId.SCP_NO_ALLOW, ref, Optional.empty(), "No service control policy attached to "
                        + level.targetId() + " allows " + action + " for the caller's account, and every level must allow it.",
                        allows == Match.UNKNOWN));
            }
        }
        Match trustGrant = auth.trustGrant().any();
        if (trustGrant != Match.YES) {
            causes.addAll(trustCauses(auth, request.caller()));
        }
        GrantKind projected = projectedGrant(auth, request.caller());
        boolean identityNeeded = !auth.sameAccount() || projected == GrantKind.ACCOUNT;
        boolean limitsApply = !auth.sameAccount() || projected != GrantKind.DIRECT;
        boolean undetermined = auth.sameAccount() && projected == GrantKind.ANYONE;
        // an allow that is unknown only because a document could not be read is an INSUFFICIENT_DATA
        // finding; it is named as a cause only when nothing certain explains the denial
        boolean explainsAlone = auth.allowed() == Match.UNKNOWN;
        if (request.caller().type().awsIdentity() && identityNeeded
                && (auth.identityAllows() == Match.NO || (auth.identityAllows() == Match.UNKNOWN && explainsAlone))) {
            String who = request.issuerArn().orElse(request.caller().principalArn());
            String why = auth.sameAccount() ? "the trust policy names only the account, so " : "the role is in another account, so ";
            causes.add(new Cause(CauseId.IDENTITY_NO_ALLOW, Optional.of(PolicyType.IDENTITY),
                    Optional.of(PolicyRef.allIdentity(who)), Optional.empty(), Optional.empty(),
                    Optional.empty(),
                    "No identity-based policy of " + who + " allows " + action + " on " + auth.trust().policy().ref().arn().orElse("the role")
                            + "; " + why + "the caller's own policies must allow it.",
                    auth.identityAllows() == Match.UNKNOWN));
        }
        if (limitsApply && auth.boundary().isPresent()
                && (auth.boundaryAllows() == Match.NO || (auth.boundaryAllows() == Match.UNKNOWN && explainsAlone))) {
            PolicyOutcome boundary = auth.boundary().get();
            causes.add(Cause.inPolicy(CauseId.BOUNDARY_NO_ALLOW, boundary.policy().ref(), Optional.empty(),
                    "The caller's permissions boundary " + boundary.policy().ref().arn().orElse(boundary.policy().ref().name())
                            + " does not allow " + action + " on this role, and the boundary caps what the caller may do here."
                            + (undetermined ? UNDETERMINED : ""),
                    auth.boundaryAllows() == Match.UNKNOWN || undetermined));
        }
        if (limitsApply && auth.session().isPresent() && auth.sessionAllows() != Match.YES) {
            causes.add(Cause.inPolicy(CauseId.SESSION_POLICY_NO_ALLOW, auth.session().get().policy().ref(), Optional.empty(),
                    "The session policy the caller's session was created with does not allow " + action + "."
                            + (undetermined ? UNDETERMINED : ""),
                    auth.sessionAllows() == Match.UNKNOWN || undetermined));
        }
        return causes;
    }

    static final String UNDETERMINED = " The trust policy grants \"Principal\": \"*\" in the caller's own account, and the IAM"
            + " documentation does not say whether such a grant is limited by the boundary and session policy (it says a grant to"
            + " a user or session ARN is not, and one to a role ARN is): if it is, this is why AWS denied; if not, the trust"
            + " policy alone allows the call and the denial lies elsewhere. Naming the caller's ARN in the trust policy, or"
            + " allowing the action in the boundary, settles it either way.";

    enum GrantKind { DIRECT, ROLE, ANYONE, ACCOUNT }

    /* How the trust policy names the caller now, or would once a trust fix names it exactly. */
    static GrantKind projectedGrant(ActionAuthorization auth, RequestPrincipal caller) {
        if (auth.trustGrant().direct() == Match.YES) {
            return GrantKind.DIRECT;
        }
        if (auth.trustGrant().role() == Match.YES) {
            return GrantKind.ROLE;
        }
        if (auth.trustGrant().anyone() == Match.YES) {
            return GrantKind.ANYONE;
        }
        if (auth.trustGrant().account() == Match.YES) {
            return GrantKind.ACCOUNT;
        }
        return caller.type() == PrincipalType.ROLE_SESSION ? GrantKind.ROLE : GrantKind.DIRECT;
    }

    private static void explicitDenies(ActionAuthorization auth, List<Cause> causes) {
        deniesIn(auth.trust(), CauseId.TRUST_EXPLICIT_DENY, causes);
        auth.identity().forEach(o -> deniesIn(o, CauseId.IDENTITY_EXPLICIT_DENY, causes));
        auth.boundary().ifPresent(o -> deniesIn(o, CauseId.BOUNDARY_EXPLICIT_DENY, causes));
        for (LevelOutcome level : auth.scp()) {
            level.policies().forEach(o -> deniesIn(o, CauseId.SCP_EXPLICIT_DENY, causes));
        }
        for (LevelOutcome level : auth.rcp()) {
            level.policies().forEach(o -> deniesIn(o, CauseId.RCP_EXPLICIT_DENY, causes));
        }
    }

    private static void deniesIn(PolicyOutcome outcome, CauseId id, List<Cause> causes) {
        for (StatementTrace s : outcome.evaluation().withEffect(Effect.DENY)) {
            if (s.applies() != Match.NO) {
                PolicyRef ref = outcome.policy().ref();
                causes.add(Cause.inPolicy(id, ref, Optional.of(s.statement()),
                        "An explicit Deny in the " + ref.type().jsonName() + " policy matches this request"
                                + (s.applies() == Match.UNKNOWN ? ", depending on a value the record does not tell." : "."),
                        s.applies() == Match.UNKNOWN));
            }
        }
    }

    /*
     * The closest Allow statement decides what to say: one that names the caller and the action
     * (then its unmet conditions are the causes), else one that names the caller (the action is
     * missing), else none names the caller.
     */
    private static List<Cause> trustCauses(ActionAuthorization auth, RequestPrincipal caller) {
        PolicyRef ref = auth.trust().policy().ref();
        List<StatementTrace> allows = auth.trust().evaluation().withEffect(Effect.ALLOW);
        Optional<StatementTrace> closest = allows.stream()
                .filter(s -> principalOf(s) != Match.NO && s.action().match() == Match.YES)
                .min(Comparator.comparingLong((StatementTrace s) -> s.conditions().stream().filter(c -> c.result() == Match.NO).count())
                        .thenComparingLong(s -> s.unmetConditions().size()));
        List<Cause> causes = new ArrayList<>();
        if (closest.isPresent()) {
            StatementTrace s = closest.get();
            if (principalOf(s) == Match.UNKNOWN) {
                causes.add(Cause.inPolicy(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED, ref, Optional.of(s.statement()),
                        "The trust policy names principals of the caller's account, and the record does not say which principal called.", true));
            }
            for (ConditionTrace c : s.unmetConditions()) {
                causes.add(conditionCause(ref, s, c, caller));
            }
            return causes;
        }
        Optional<StatementTrace> namesCaller = allows.stream().filter(s -> principalOf(s) != Match.NO).findFirst();
        if (namesCaller.isPresent()) {
            String listed = String.join(", ", namesCaller.get().statement().actions().values());
            causes.add(Cause.inPolicy(CauseId.TRUST_ACTION_NOT_ALLOWED, ref, Optional.of(namesCaller.get().statement()),
                    "The trust policy names the caller in " + namesCaller.get().statement().label() + " but allows only " + listed
                            + ", not " + auth.action() + ".", false));
            return causes;
        }
        return List.of(principalNotTrusted(auth, ref, allows, caller));
    }

    private static Cause principalNotTrusted(ActionAuthorization auth, PolicyRef ref, List<StatementTrace> allows, RequestPrincipal caller) {
        Optional<StatementTrace> forAction = allows.stream().filter(s -> s.action().match() == Match.YES).findFirst();
        Optional<dev.assumeroledoctor.policy.Statement> label = forAction.map(StatementTrace::statement);
        List<String> deleted = allows.stream()
                .flatMap(s -> s.principal().map(PrincipalMatch::deletedPrincipals).orElse(List.of()).stream())
                .filter(id -> caller.type() == PrincipalType.ROLE_SESSION ? id.startsWith("AROA") : id.startsWith("AIDA"))
                .toList();
        if (!deleted.isEmpty() && caller.type().awsIdentity()) {
            return Cause.inPolicy(CauseId.TRUST_PRINCIPAL_DELETED, ref, label, "The trust policy names " + deleted.get(0)
                    + ", the unique id of a principal that was deleted; a principal re-created with the same name, like "
                    + caller.principalArn() + ", gets a new id and is not trusted.", false);
        }
        if (!caller.type().awsIdentity() && caller.type() != PrincipalType.SERVICE) {
            return Cause.inPolicy(CauseId.FEDERATION_PROVIDER, ref, label, "No Allow statement of the trust policy names the identity provider "
                    + caller.issuer().orElse("of the token") + " as its Federated principal for " + auth.action() + ".", false);
        }
        List<String> awsValues = allows.stream()
                .flatMap(s -> s.statement().principal().map(p -> p.valuesOf(PrincipalKind.AWS)).orElse(List.of()).stream()).toList();
        boolean onlyOthers = allows.stream().allMatch(s -> s.statement().principal()
                .map(p -> p.valuesOf(PrincipalKind.AWS).isEmpty() && !p.anyone()).orElse(true));
        return Cause.inPolicy(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED, ref, label,
                "The trust policy does not trust the caller: " + PrincipalHints.explain(caller, awsValues, onlyOthers) + ".", false);
    }

    private static Cause conditionCause(PolicyRef ref, StatementTrace s, ConditionTrace c, RequestPrincipal caller) {
        String key = c.condition().key();
        CauseId id = ConditionCauses.idFor(key);
        boolean inferred = c.result() == Match.UNKNOWN;
        ConditionFinding finding = new ConditionFinding(key, c.condition().operator().text(),
                Redaction.required(key, c.condition().values()), Redaction.requestValue(key, c.requestValue()));
        return new Cause(id, Optional.of(PolicyType.TRUST), Optional.of(ref), Optional.of(s.statement().label()),
                Optional.of(s.statement().index()), Optional.of(finding),
                ConditionExplanations.explain(id, finding, inferred, caller), inferred);
    }

    private static Match principalOf(StatementTrace s) {
        return s.principal().map(PrincipalMatch::match).orElse(Match.YES);
    }
}
