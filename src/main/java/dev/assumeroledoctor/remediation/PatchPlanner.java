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
import dev.assumeroledoctor.policy.BaseOperator;
import dev.assumeroledoctor.policy.ConditionOperator;
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
        for (Cause cause : diagnosis.causes()) {
            planFor(cause, request, probe.isPresent(), drafts, actions);
        }
        List<Patch> patches = drafts.patches();
        return PatchVerifier.verify(diagnosis, snapshot, patches, actions, flags);
    }

    private static void planFor(Cause cause, RebuiltRequest request, boolean probe, Drafts drafts, List<CallerAction> actions) {
        RequestPrincipal caller = request.caller();
        String principal = caller.principalArn();
        Optional<String> role = cause.policy().filter(p -> p.type() == PolicyType.TRUST).flatMap(PolicyRef::arn).or(request::roleArn);
        switch (cause.id()) {
            case TRUST_PRINCIPAL_NOT_TRUSTED, TRUST_PRINCIPAL_DELETED -> {
                if (probe || cause.inferred() || !caller.type().awsIdentity() || caller.type() == PrincipalType.ACCOUNT_PRINCIPAL) {
                    return;
                }
                ObjectNode trust = drafts.edit(new PatchTarget.TrustPolicy(role.orElseThrow()), cause.id());
                Optional<String> deletedId = cause.statementIndex().flatMap(i -> deletedIdIn(trust, i, caller));
                if (cause.id() == CauseId.TRUST_PRINCIPAL_DELETED && deletedId.isPresent()) {
                    ObjectNode statement = PolicyEdits.statement(trust, cause.statementIndex().get());
                    PolicyEdits.replaceValue((ObjectNode) statement.get("Principal"), "AWS", deletedId.get(), principal);
                    drafts.describe(new PatchTarget.TrustPolicy(role.get()), "replace the deleted principal's id " + deletedId.get() + " with " + principal);
                } else {
                    PolicyEdits.statements(trust).add(PolicyEdits.statement(PolicyEdits.sid("Allow" + Arns.nameOf(principal)), "Allow",
                            "AWS", principal, request.actions(), null));
                    drafts.describe(new PatchTarget.TrustPolicy(role.get()), "trust " + principal + " (exactly this principal) for " + String.join(", ", request.actions()));
                }
            }
            case TRUST_ACTION_NOT_ALLOWED -> {
                PatchTarget target = new PatchTarget.TrustPolicy(role.orElseThrow());
                ObjectNode statement = PolicyEdits.statement(drafts.edit(target, cause.id()), cause.statementIndex().orElseThrow());
                for (String action : request.actions()) {
                    PolicyEdits.addValue(statement, "Action", action);
                }
                drafts.describe(target, "allow " + String.join(", ", request.actions()) + " in " + cause.statement().orElse("the statement naming the caller"));
            }
            case CONDITION_PRINCIPAL_ARN, CONDITION_FEDERATION_CLAIMS -> {
                if (probe || cause.inferred() || cause.condition().isEmpty() || cause.statementIndex().isEmpty()) {
                    return;
                }
                ConditionFinding f = cause.condition().get();
                Optional<ConditionOperator> op = ConditionOperator.parse(f.operator());
                String value = cause.id() == CauseId.CONDITION_PRINCIPAL_ARN ? principal : f.requestValue();
                if (op.isEmpty() || op.get().base().negated() || op.get().base() == BaseOperator.NULL || value.equals("absent")
                        || value.equals("unknown")) {
                    if (!exceptionStatement(cause, request, drafts, role.orElseThrow())) {
                        CallerActions.forCause(cause, request).ifPresent(actions::add);
                    }
                    return;
                }
                boolean like = op.get().base().name().endsWith("_LIKE");
                boolean escapes = PolicyEdits.likeLiteral(value).equals(value);
                PatchTarget target = new PatchTarget.TrustPolicy(role.orElseThrow());
                ObjectNode trust = drafts.edit(target, cause.id());
                if (like && !escapes && !"2012-10-17".equals(trust.path("Version").asText())) {
                    if (!exceptionStatement(cause, request, drafts, role.get())) {
                        CallerActions.forCause(cause, request).ifPresent(actions::add);
                    }
                    return;
                }
                PolicyEdits.addConditionValue(PolicyEdits.statement(trust, cause.statementIndex().get()),
                        f.operator(), f.key(), like ? PolicyEdits.likeLiteral(value) : value);
                drafts.describe(target, "add the exact value " + value + " to " + f.operator() + " " + f.key());
            }
            case CONDITION_PRINCIPAL_ORG, CONDITION_TAGS, CONDITION_NETWORK, CONDITION_OTHER -> {
                if (!probe && !cause.inferred() && cause.policyType().filter(t -> t == PolicyType.TRUST).isPresent()
                        && cause.statementIndex().isPresent() && caller.type().awsIdentity()) {
                    exceptionStatement(cause, request, drafts, role.orElseThrow());
                }
            }
            case TRUST_EXPLICIT_DENY, IDENTITY_EXPLICIT_DENY, BOUNDARY_EXPLICIT_DENY, SCP_EXPLICIT_DENY, RCP_EXPLICIT_DENY -> {
                if (!cause.inferred() && caller.type().awsIdentity() && cause.statementIndex().isPresent()) {
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
                PatchTarget target = new PatchTarget.ManagedPolicy(arn, PolicyType.BOUNDARY);
                PolicyEdits.statements(drafts.edit(target, cause.id())).add(PolicyEdits.statement(
                        PolicyEdits.sid("AllowAssume" + Arns.nameOf(request.roleArn().orElseThrow())), "Allow", null, null, request.actions(),
                        request.roleArn().get()));
                drafts.describe(target, "let the boundary allow " + String.join(", ", request.actions()) + " on exactly " + request.roleArn().get());
            });
            case SCP_NO_ALLOW -> ScpAllow.add(cause, request, drafts, actions);
            default -> CallerActions.forCause(cause, request).ifPresent(actions::add);
        }
        // a cause the planner would patch, but may not (inferred, or a possible probe), still gets its action
        if ((cause.inferred() || probe) && PATCHED.contains(cause.id())) {
            CallerActions.forCause(cause, request).ifPresent(actions::add);
        }
    }

    /*
     * A condition the caller fails, other than ExternalId/MFA/claims: an extra Allow statement for
     * exactly this principal, keeping every other condition of the original statement, with a
     * network condition narrowed to the request's own address rather than dropped. Only an IAM
     * caller can be named so; returns whether a statement was added.
     */
    private static boolean exceptionStatement(Cause cause, RebuiltRequest request, Drafts drafts, String role) {
        if (!request.caller().type().awsIdentity() || request.caller().type() == PrincipalType.ACCOUNT_PRINCIPAL) {
            return false;
        }
        PatchTarget target = new PatchTarget.TrustPolicy(role);
        ObjectNode trust = drafts.edit(target, cause.id());
        ObjectNode original = PolicyEdits.statement(trust, cause.statementIndex().orElseThrow());
        String principal = request.caller().principalArn();
        String sid = PolicyEdits.sid(original.path("Sid").asText("Statement" + cause.statementIndex().get()) + "For" + Arns.nameOf(principal));
        ObjectNode exception = PolicyEdits.statement(sid, "Allow", "AWS", principal, request.actions(), null);
        for (JsonNode existing : PolicyEdits.statements(trust)) {
            if (existing.path("Sid").asText().equals(sid)) {
                return true;
            }
        }
        JsonNode condition = original.get("Condition");
        ConditionFinding failed = cause.condition().orElseThrow();
        if (condition != null) {
            ObjectNode kept = condition.deepCopy();
            List<String> emptyOperators = new ArrayList<>();
            kept.fields().forEachRemaining(op -> {
                ObjectNode keys = (ObjectNode) op.getValue();
                keys.remove(matchingKey(keys, failed.key()));
                if (keys.isEmpty()) {
                    emptyOperators.add(op.getKey());
                }
            });
            kept.remove(emptyOperators);
            if (cause.id() == CauseId.CONDITION_NETWORK && !failed.requestValue().equals("absent") && !failed.requestValue().equals("unknown")) {
                String operator = failed.key().equalsIgnoreCase("aws:SourceIp") ? "IpAddress" : "StringEquals";
                kept.putObject(operator).put(failed.key(), failed.requestValue());
            }
            if (!kept.isEmpty()) {
                exception.set("Condition", kept);
            }
        }
        PolicyEdits.statements(trust).add(exception);
        drafts.describe(target, "add an exception statement for exactly " + principal + " that keeps every other condition of "
                + cause.statement().orElse("the statement"));
        return true;
    }

    private static String matchingKey(ObjectNode operator, String key) {
        for (java.util.Iterator<String> names = operator.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equalsIgnoreCase(key)) {
                return name;
            }
        }
        return key;
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
            drafts.forEach((target, draft) -> patches.add(PatchRendering.render(target, draft.original, draft.document, draft.fixes,
                    String.join("; ", draft.descriptions))));
            return patches;
        }
    }

    private static final class Draft {
        final Optional<JsonNode> original;
        final ObjectNode document;
        final List<CauseId> fixes = new ArrayList<>();
        final List<String> descriptions = new ArrayList<>();

        Draft(Optional<JsonNode> original) {
            this.original = original;
            this.document = original.map(o -> (ObjectNode) o.deepCopy()).orElseGet(PolicyEdits::newPolicy);
        }
    }

}
