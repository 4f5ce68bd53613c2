package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import dev.assumeroledoctor.diagnosis.Redaction;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.OriginalDocuments;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.PatchTarget;
import dev.assumeroledoctor.remediation.Remediation;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * For each patch of a verified remediation, the code that owns the resource it edits: the stack
 * (or StackSet) that defines it and the template change that carries exactly the verified
 * document, or — where no stack does — the tag that says who manages it. The patch's own
 * verification covers the template change: {@link DocumentMerge} carries the same document.
 */
public final class IacPlanner {
    /** The tags teams and tools commonly set to say who manages a resource (Terraform modules, internal conventions). */
    public static final List<String> DEFAULT_TAG_KEYS = List.of("managed-by", "ManagedBy", "managed_by", "iac", "Terraform", "terraform");
    private final StackSource stacks;
    private final List<String> tagKeys;
    private final java.util.Set<String> planned;

    /** @param tagKeys the tags teams and tools use to say who manages a resource, e.g. {@code managed-by} */
    public IacPlanner(StackSource stacks, List<String> tagKeys) {
        this(stacks, tagKeys, java.util.Set.of());
    }

    private IacPlanner(StackSource stacks, List<String> tagKeys, java.util.Set<String> planned) {
        this.stacks = stacks;
        this.tagKeys = List.copyOf(tagKeys);
        this.planned = java.util.Set.copyOf(planned);
    }

    /**
     * The same planner for a check in plan mode: the documents of these resources (role ARNs,
     * policy ARNs, SCP ids) are proposed, not deployed, so their templates do not hold them yet;
     * a fix on one is not carried into a template (nor called drift).
     */
    public IacPlanner withPlanned(java.util.Set<String> proposed) {
        return new IacPlanner(stacks, tagKeys, proposed);
    }

    public List<IacPlan> plan(Remediation remediation, Snapshot snapshot) {
        Map<String, Edits> edits = new LinkedHashMap<>();
        List<IacPlan> drafts = new ArrayList<>();
        for (Patch patch : remediation.patches()) {
            drafts.add(plan(patch, snapshot, edits));
        }
        return drafts.stream().map(d -> d.templatePatch() ? finished(d, edits.get(key(d.target(), d.stack().orElseThrow(), snapshot))) : d)
                .toList();
    }

    /* A stack's template as found, and as every patch on a resource it defines leaves it. */
    private static final class Edits {
        final ObjectNode original;
        ObjectNode current;
        int count;

        Edits(ObjectNode original) {
            this.original = original;
            this.current = original;
        }
    }

    /* One patch's owner and its edit of the stack's template, carried on from the patches before it in the same stack. */
    private IacPlan plan(Patch patch, Snapshot snapshot, Map<String, Edits> edits) {
        PatchTarget target = patch.target();
        String account = accountOf(target, snapshot);
        Optional<StackResource> owner;
        try {
            owner = stacks.owner(account, physicalId(target), resourceType(target), name(target, snapshot));
        } catch (StackSource.Unreadable e) {
            return new IacPlan(target, IacPlan.Kind.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), managedBy(target, snapshot),
                    Optional.of(e.getMessage()), false, List.of());
        }
        if (owner.isEmpty()) {
            return new IacPlan(target, IacPlan.Kind.NONE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), managedBy(target, snapshot), Optional.empty(), false,
                    List.of("no CloudFormation stack " + stacks.scope() + " defines " + physicalId(target)));
        }
        StackResource stack = owner.get();
        String key = key(target, stack, snapshot);
        Edits work = edits.get(key);
        if (work == null) {
            try {
                work = new Edits(CfnTemplates.parse(stacks.template(account, stack), "the template of stack " + stack.stackName()));
            } catch (StackSource.Unreadable | TemplateException e) {
                return new IacPlan(target, IacPlan.Kind.CLOUDFORMATION, owner, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("its template could not be read"), Optional.empty(),
                        Optional.of(e.getMessage()), false, List.of());
            }
            edits.put(key, work);
        }
        Optional<String> cdkPath = Json.text(work.current.path("Resources").path(stack.logicalId()).path("Metadata"), "aws:cdk:path");
        if (planned.contains(target.arn())) {
            return new IacPlan(target, IacPlan.Kind.CLOUDFORMATION, owner, cdkPath, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of("the check's plan proposes this document: the stack's template does not"
                    + " hold it yet, so carry the plan into the template first, then this fix"), Optional.empty(), Optional.empty(), false, List.of());
        }
        List<String> notes = new ArrayList<>();
        stack.stackSet().ifPresent(set -> notes.add("the stack is an instance of the StackSet " + set
                + ": the change belongs in the StackSet, run from its administrator account"));
        cdkPath.ifPresent(p -> notes.add("the stack is synthesized by the AWS CDK: change the construct " + p
                + " so that `cdk synth` gives this template, rather than deploying the template itself"));
        TemplateEdit.Edited edited;
        try {
            edited = TemplateEdit.apply(work.current, stack.logicalId(), target, OriginalDocuments.find(target, snapshot), patch.document());
        } catch (DocumentMerge.NotEditable e) {
            return new IacPlan(target, IacPlan.Kind.CLOUDFORMATION, owner, cdkPath, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(e.getMessage()), Optional.empty(), Optional.empty(), false, notes);
        }
        work.current = edited.template();
        work.count++;
        return new IacPlan(target, IacPlan.Kind.CLOUDFORMATION, Optional.of(new StackResource(stack.stackName(), stack.stackId(), stack.region(),
                edited.logicalId(), stack.resourceType())), cdkPath.or(() -> Json.text(edited.template().path("Resources")
                .path(edited.logicalId()).path("Metadata"), "aws:cdk:path")), Optional.of(edited.property()), Optional.of(edited.template()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, notes);
    }

    /*
     * The stack's template with every patch on it: one change set applies them together (two made
     * from the same template would each undo the other). Shown, never applied by the tool: secrets
     * are redacted before the diff, so no operation carries one.
     */
    private static IacPlan finished(IacPlan draft, Edits work) {
        StackResource stack = draft.stack().orElseThrow();
        List<String> notes = new ArrayList<>(draft.notes());
        JsonNode before = redacted(work.original);
        JsonNode after = redacted(work.current);
        JsonNode operations = JsonDiff.asJson(before, after, EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
        if (!JsonPatch.apply(operations, before).equals(after)) {
            throw new IllegalStateException("the JSON Patch does not reproduce the patched template of " + stack.stackName());
        }
        boolean secrets = !after.equals(work.current);
        if (secrets) {
            notes.add("the template shows a secret condition value as " + Redaction.REDACTED + ": put the stack's own value back before use");
        }
        if (work.count > 1) {
            notes.add("this template carries all " + work.count + " changes to stack " + stack.stackName() + ": apply them in one change set");
        }
        String file = ChangeSets.fileName(stack);
        String body = Json.pretty(after);
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ChangeSets.BODY_MAX) {
            notes.add("the template is larger than CloudFormation's 51,200-byte body: upload it to S3 and give its URL");
        }
        return new IacPlan(draft.target(), draft.kind(), draft.stack(), draft.cdkPath(), draft.property(), Optional.of(after),
                Optional.of(operations), Optional.of(ChangeSets.command(stack, work.current, body, file)), Optional.of(file),
                Optional.empty(), Optional.empty(), Optional.empty(), secrets, notes);
    }

    /* One stack: its account, name and id (offline, its name among the templates given). */
    private static String key(PatchTarget target, StackResource stack, Snapshot snapshot) {
        return accountOf(target, snapshot) + "/" + stack.stackName() + "/" + stack.stackId().orElse("");
    }

    /* Where the resource lives: an SCP or RCP in the management account, everything else in its ARN's account. */
    private static String accountOf(PatchTarget target, Snapshot snapshot) {
        if (target instanceof PatchTarget.OrganizationPolicy) {
            return snapshot.organization().map(o -> o.managementAccountId()).orElse("");
        }
        return Arns.accountOf(target.arn());
    }

    /* CloudFormation's physical id: a role, user or group by name, a managed policy by ARN, an organization policy by id. */
    static String physicalId(PatchTarget target) {
        if (target instanceof PatchTarget.TrustPolicy t) {
            return Arns.nameOf(t.roleArn());
        }
        if (target instanceof PatchTarget.InlinePolicy i) {
            return Arns.nameOf(i.ownerArn());
        }
        return target.arn();
    }

    /* The name a template gives the resource: an organization policy's is in the snapshot, every other one ends its ARN. */
    private static String name(PatchTarget target, Snapshot snapshot) {
        if (target instanceof PatchTarget.OrganizationPolicy o) {
            return snapshot.organization().map(org -> org.policiesById().get(o.policyId())).map(p -> p.name()).orElse(o.policyId());
        }
        return target instanceof PatchTarget.ManagedPolicy m ? Arns.nameOf(m.policyArn()) : physicalId(target);
    }

    static String resourceType(PatchTarget target) {
        if (target instanceof PatchTarget.TrustPolicy) {
            return "AWS::IAM::Role";
        }
        if (target instanceof PatchTarget.InlinePolicy i) {
            String kind = i.ownerKind();
            return "AWS::IAM::" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        }
        return target instanceof PatchTarget.ManagedPolicy ? "AWS::IAM::ManagedPolicy" : "AWS::Organizations::Policy";
    }

    /* The first configured tag on the role or user the patch edits. */
    private Optional<String> managedBy(PatchTarget target, Snapshot snapshot) {
        String owner = target instanceof PatchTarget.InlinePolicy i ? i.ownerArn() : target.arn();
        Map<String, String> tags = snapshot.account(Arns.accountOf(owner)).flatMap(a -> a.role(owner).map(r -> r.tags())
                .or(() -> a.user(owner).map(u -> u.tags()))).orElse(Map.of());
        for (String key : tagKeys) {
            String value = tags.get(key);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip() + " (tag " + key + ")");
            }
        }
        return Optional.empty();
    }

    /* Every literal value of a secret condition key (the ExternalId) replaced; an intrinsic that supplies it is no secret. */
    static JsonNode redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redact(copy);
        return copy;
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> {
                if (Redaction.isSecret(e.getKey()) && !CfnTemplates.holdsIntrinsics(e.getValue())) {
                    e.setValue(Json.mapper().getNodeFactory().textNode(Redaction.REDACTED));
                } else {
                    redact(e.getValue());
                }
            });
        } else {
            node.forEach(IacPlanner::redact);
        }
    }
}
