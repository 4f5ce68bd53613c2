package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.ConditionFinding;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.evaluation.PolicyRef;
import dev.assumeroledoctor.evaluation.PolicyType;
import dev.assumeroledoctor.evaluation.PrincipalType;
import dev.assumeroledoctor.evaluation.RequestPrincipal;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposes the smallest change that fixes exactly this request: the caller's exact principal ARN
 * (never its account, never "*"), an identity allow scoped to this role, a Deny narrowed by an
 * exception rather than deleted. ExternalId and MFA conditions are never removed: those are the
 * caller's to meet. A caller from outside the organization gets no trust grant at all.
 */
public final class PatchPlanner {
    /* The causes with a patching branch below; every other cause gets its caller action there. */
    private static final java.util.Set<CauseId> PATCHED = java.util.EnumSet.of(CauseId.TRUST_PRINCIPAL_NOT_TRUSTED,
            CauseId.TRUST_PRINCIPAL_DELETED, CauseId.TRUST_ACTION_NOT_ALLOWED, CauseId.CONDITION_PRINCIPAL_ARN,
            CauseId.CONDITION_FEDERATION_CLAIMS, CauseId.CONDITION_PRINCIPAL_ORG, CauseId.CONDITION_TAGS, CauseId.CONDITION_NETWORK,
            CauseId.CONDITION_OTHER, CauseId.TRUST_EXPLICIT_DENY, CauseId.IDENTITY_EXPLICIT_DENY, CauseId.BOUNDARY_EXPLICIT_DENY,
            CauseId.SCP_EXPLICIT_DENY, CauseId.RCP_EXPLICIT_DENY, CauseId.IDENTITY_NO_ALLOW, CauseId.BOUNDARY_NO_ALLOW, CauseId.SCP_NO_ALLOW);
    private PatchPlanner() {
    }

    public static Remediation plan(Diagnosis diagnosis, Snapshot snapshot) {
        Drafts drafts = new Drafts(snapshot);
        List<CallerAction> actions = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        RebuiltRequest request = diagnosis.request();
        Optional<String> probe = ProbeCheck.reason(request, snapshot);
        probe.ifPresent(flags::add);
        // a caller the record does not name by a well-formed ARN cannot be named in a policy: actions only
        boolean nameable = !request.caller().type().awsIdentity() || request.caller().principalArn().matches("arn:[a-z-]+:(iam|sts)::\\d{12}:[^\\s\"]+");
        for (Cause cause : diagnosis.causes()) {
            if (nameable) {
                planFor(cause, request, probe.isPresent(), drafts, actions);
            } else {
                CallerActions.forCause(cause, request).ifPresent(actions::add);
            }
        }
        List<Patch> patches = drafts.patches();
        return PatchVerifier.verify(diagnosis, snapshot, patches, actions, flags);
    }

    private static void planFor(Cause cause, RebuiltRequest request, boolean probe, Drafts drafts, List<CallerAction> actions) {
        RequestPrincipal caller = request.caller();
        String principal = caller.principalArn();
        Optional<String> role = cause.policy().filter(p -> p.type() == PolicyType.TRUST).flatMap(PolicyRef::arn).or(request::roleArn);
        List<String> blocked = cause.actions().isEmpty() ? request.actions() : cause.actions();
        switch (cause.id()) {
            case TRUST_PRINCIPAL_NOT_TRUSTED, TRUST_PRINCIPAL_DELETED -> {
                if (probe || cause.inferred() || !caller.type().awsIdentity() || caller.type() == PrincipalType.ACCOUNT_PRINCIPAL) {
                    return;
                }
                PatchTarget target = new PatchTarget.TrustPolicy(role.orElseThrow());
                ObjectNode trust = drafts.edit(target, cause.id());
                Optional<String> deletedId = cause.statementIndex().flatMap(i -> deletedIdIn(trust, i, caller));
                if (cause.id() == CauseId.TRUST_PRINCIPAL_DELETED && deletedId.isPresent()) {
                    ObjectNode statement = PolicyEdits.statement(trust, cause.statementIndex().get());
                    PolicyEdits.replaceValue((ObjectNode) statement.get("Principal"), "AWS", deletedId.get(), principal);
                    drafts.describe(target, "replace the deleted principal's id " + deletedId.get() + " with " + principal);
                    return;
                }
                Optional<ObjectNode> grant = TrustGrants.forCaller(PolicyEdits.sid("Allow" + Arns.nameOf(principal)), request, request.actions());
                if (grant.isEmpty()) {
                    return;
                }
                PolicyEdits.statements(trust).add(grant.get());
                List<String> guards = TrustGrants.copyGuards(trust, grant.get(), request);
                for (String key : guards) {
                    guardAction(cause.id(), key, List.of(), request, actions);
                }
                drafts.describe(target, "trust " + principal + " (exactly this principal) for " + String.join(", ", request.actions())
                        + (guards.isEmpty() ? "" : ", with the guards the role imposes on principals like it (" + String.join(", ", guards) + ")"));
            }
            case TRUST_ACTION_NOT_ALLOWED -> missingActions(cause, request, blocked, drafts, role.orElseThrow());
            case CONDITION_PRINCIPAL_ARN, CONDITION_FEDERATION_CLAIMS -> {
                if (probe || cause.inferred() || cause.condition().isEmpty() || cause.statementIndex().isEmpty()) {
                    return;
                }
                if (!ConditionValues.extend(cause, request, drafts, role.orElseThrow()) && !ExceptionStatement.add(cause, request, drafts, role.get())) {
                    CallerActions.forCause(cause, request).ifPresent(actions::add);
                }
            }
            case CONDITION_PRINCIPAL_ORG, CONDITION_TAGS, CONDITION_NETWORK, CONDITION_OTHER -> {
                ConditionFinding f = cause.condition().orElse(null);
                if (f != null && Guards.isGuard(f.key())) {
                    guardAction(cause.id(), f.key(), f.requiredValues(), request, actions);
                    return;
                }
                boolean patched = !probe && !cause.inferred() && f != null && cause.policyType().filter(t -> t == PolicyType.TRUST).isPresent()
                        && ExceptionStatement.add(cause, request, drafts, role.orElseThrow());
                if (!patched && !probe && !cause.inferred()) {
                    actions.add(new CallerAction(cause.id(), "No policy change is proposed: " + cause.explanation()
                            + " Whether the condition should change (a date window to extend, a value to add) is the role owner's decision."));
                }
            }
            case TRUST_EXPLICIT_DENY, IDENTITY_EXPLICIT_DENY, BOUNDARY_EXPLICIT_DENY, SCP_EXPLICIT_DENY, RCP_EXPLICIT_DENY -> {
                if (cause.statementIndex().isEmpty()) {
                    return;
                }
                JsonNode statement = OriginalDocuments.find(DenyException.targetOf(cause.policy().orElseThrow()), drafts.snapshot())
                        .map(doc -> PolicyEdits.statements((ObjectNode) doc.deepCopy()).get(cause.statementIndex().get())).orElse(null);
                List<String> guards = statement == null ? List.of() : Guards.in(statement);
                // a Deny on an unmet guard is the guard itself: the caller meets it, the Deny stays whole
                for (String key : guards) {
                    guardAction(cause.id(), key, Guards.denyWording(statement, key), request, actions);
                }
                if (guards.isEmpty() && !cause.inferred() && caller.type().awsIdentity()) {
                    DenyException.narrow(cause, request, drafts);
                }
            }
            case IDENTITY_NO_ALLOW -> request.issuerArn().ifPresent(owner -> {
                PatchTarget target = new PatchTarget.InlinePolicy(owner, "AssumeRole-" + Arns.nameOf(request.roleArn().orElseThrow()));
                ObjectNode doc = drafts.edit(target, cause.id());
                PolicyEdits.statements(doc).add(PolicyEdits.statement(PolicyEdits.sid("AssumeRole" + Arns.nameOf(request.roleArn().get())),
                        "Allow", null, null, request.actions(), request.roleArn().get()));
                drafts.describe(target, "allow " + owner + " to call " + String.join(", ", request.actions()) + " on exactly " + request.roleArn().get());
            });
            case BOUNDARY_NO_ALLOW -> cause.policy().flatMap(PolicyRef::arn).ifPresent(arn -> {
                // a boundary is shared: the addition names the caller, so no other principal's ceiling moves
                PatchTarget target = new PatchTarget.ManagedPolicy(arn, PolicyType.BOUNDARY);
                ObjectNode statement = PolicyEdits.statement(PolicyEdits.sid("AllowAssume" + Arns.nameOf(request.roleArn().orElseThrow())
                        + "For" + Arns.nameOf(principal)), "Allow", null, null, request.actions(), request.roleArn().get());
                PolicyEdits.addConditionValue(statement, "ArnEquals", "aws:PrincipalArn", principal);
                PolicyEdits.statements(drafts.edit(target, cause.id())).add(statement);
                drafts.describe(target, "let the boundary allow " + String.join(", ", request.actions()) + " on exactly " + request.roleArn().get()
                        + " for exactly " + principal);
            });
            case SCP_NO_ALLOW -> ScpAllow.add(cause, request, drafts, actions);
            default -> CallerActions.forCause(cause, request).ifPresent(actions::add);
        }
        // a cause the planner would patch, but may not (inferred, or a possible probe), still gets its action
        if ((cause.inferred() || probe) && PATCHED.contains(cause.id())) {
            CallerActions.forCause(cause, request).ifPresent(actions::add);
        }
    }

    private static void guardAction(CauseId fixes, String key, List<String> required, RebuiltRequest request, List<CallerAction> actions) {
        CallerAction action = Guards.action(fixes, key, required, request);
        if (actions.stream().noneMatch(a -> a.text().equals(action.text()))) {
            actions.add(action);
        }
    }

    /*
     * The trust names the caller but not every action it asked for: a new statement for exactly
     * this caller with only the missing actions and every condition of the statement that names
     * it; the statement others share is left as it is. Where the record does not identify the
     * caller well enough, the actions join that statement, and verification names who else gains.
     */
    private static void missingActions(Cause cause, RebuiltRequest request, List<String> missing, Drafts drafts, String role) {
        PatchTarget target = new PatchTarget.TrustPolicy(role);
        ObjectNode trust = drafts.edit(target, cause.id());
        ObjectNode named = PolicyEdits.statement(trust, cause.statementIndex().orElseThrow());
        String sid = PolicyEdits.sid(named.path("Sid").asText("Statement" + cause.statementIndex().get()) + "Actions");
        Optional<ObjectNode> grant = TrustGrants.forCaller(sid, request, missing);
        if (grant.isEmpty()) {
            missing.forEach(action -> PolicyEdits.addValue(named, "Action", action));
            drafts.describe(target, "allow " + String.join(", ", missing) + " in " + cause.statement().orElse("the statement naming the caller")
                    + " (the record does not identify the caller well enough to name it alone)");
            return;
        }
        if (named.has("Condition")) {
            ObjectNode condition = named.get("Condition").deepCopy();
            if (grant.get().has("Condition")) {
                grant.get().get("Condition").fields().forEachRemaining(op -> op.getValue().fields().forEachRemaining(e ->
                        condition.with(op.getKey()).set(e.getKey(), e.getValue().deepCopy())));
            }
            grant.get().set("Condition", condition);
        }
        PolicyEdits.statements(trust).add(grant.get());
        drafts.describe(target, "allow " + String.join(", ", missing) + " to exactly this caller in a statement of its own that keeps every condition of "
                + cause.statement().orElse("the statement naming it"));
    }

    private static Optional<String> deletedIdIn(ObjectNode trust, int index, RequestPrincipal caller) {
        JsonNode aws = PolicyEdits.statement(trust, index).path("Principal").path("AWS");
        String prefix = caller.type() == PrincipalType.ROLE_SESSION ? "AROA" : "AIDA";
        List<String> values = new ArrayList<>();
        if (aws.isTextual()) {
            values.add(aws.textValue());
        }
        aws.forEach(v -> values.add(v.asText()));
        return values.stream().filter(v -> Arns.isUniqueId(v) && v.startsWith(prefix)).findFirst();
    }

    /** Working copies of every document being patched, in the order first touched. */
    static final class Drafts {
        private final Snapshot snapshot;
        private final Map<PatchTarget, Draft> drafts = new LinkedHashMap<>();

        Drafts(Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        ObjectNode edit(PatchTarget target, CauseId fixes) {
            Draft draft = drafts.computeIfAbsent(target, t -> new Draft(OriginalDocuments.find(t, snapshot)));
            if (!draft.fixes.contains(fixes)) {
                draft.fixes.add(fixes);
            }
            return draft.document;
        }

        void describe(PatchTarget target, String what) {
            drafts.get(target).descriptions.add(what);
        }

        Snapshot snapshot() {
            return snapshot;
        }

        List<Patch> patches() {
            List<Patch> patches = new ArrayList<>();
            drafts.forEach((target, draft) -> {
                if (draft.changed()) {
                    patches.add(PatchRendering.render(target, draft.original, draft.document, draft.fixes, String.join("; ", draft.descriptions)));
                }
            });
            return patches;
        }
    }

    private static final class Draft {
        final Optional<JsonNode> original;
        final ObjectNode document;
        final List<CauseId> fixes = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();

        /* A shape that was tried and abandoned leaves its draft untouched: no patch for it. */
        boolean changed() {
            return original.map(o -> !o.equals(document)).orElse(true);
        }

        Draft(Optional<JsonNode> original) {
            this.original = original;
            this.document = original.map(o -> (ObjectNode) o.deepCopy()).orElseGet(PolicyEdits::newPolicy);
        }
    }

}
