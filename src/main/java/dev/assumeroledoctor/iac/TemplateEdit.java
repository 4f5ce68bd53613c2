package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.remediation.PatchTarget;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, in a stack's template, the one property a patch edits, and replaces only that property
 * with the verified document carried over by {@link DocumentMerge}: a role's
 * {@code AssumeRolePolicyDocument}, an inline policy's {@code PolicyDocument} (in the owner's
 * {@code Policies}, or a policy resource of its own attached to it), a managed policy's
 * {@code PolicyDocument}, an SCP's or RCP's {@code Content} (an object, or a JSON string kept a
 * string). Everything else in the template is left as it is.
 */
final class TemplateEdit {
    private TemplateEdit() {
    }

    /** The patched template, and the resource and property edited (the policy resource itself, for a separate inline policy). */
    record Edited(ObjectNode template, String logicalId, String property) {
    }

    /**
     * @param logicalId the resource the stack says is the patch's target
     * @param deployed  today's document; empty for an inline policy the patch creates
     */
    static Edited apply(ObjectNode template, String logicalId, PatchTarget target, Optional<JsonNode> deployed, JsonNode patched)
            throws DocumentMerge.NotEditable {
        ObjectNode out = template.deepCopy();
        JsonNode resource = out.path("Resources").path(logicalId);
        if (!(resource instanceof ObjectNode)) {
            throw new DocumentMerge.NotEditable("the template has no resource " + logicalId
                    + out.path("Transform").asText("").transform(t -> t.isEmpty() ? "" : ": the transform " + t + " generates it"));
        }
        ObjectNode properties = ((ObjectNode) resource).with("Properties");
        if (target instanceof PatchTarget.TrustPolicy) {
            return new Edited(replace(out, properties, "AssumeRolePolicyDocument", deployed.orElseThrow(), patched), logicalId,
                    "AssumeRolePolicyDocument");
        }
        if (target instanceof PatchTarget.ManagedPolicy) {
            return new Edited(replace(out, properties, "PolicyDocument", deployed.orElseThrow(), patched), logicalId, "PolicyDocument");
        }
        if (target instanceof PatchTarget.OrganizationPolicy) {
            JsonNode content = properties.path("Content");
            if (content.isTextual()) {
                JsonNode parsed;
                try {
                    parsed = Json.readTree(content.textValue());
                } catch (RuntimeException e) {
                    throw new DocumentMerge.NotEditable("the policy's Content is a string that is not JSON");
                }
                properties.put("Content", Json.compact(DocumentMerge.merge(parsed, deployed.orElseThrow(), patched)));
                return new Edited(out, logicalId, "Content");
            }
            return new Edited(replace(out, properties, "Content", deployed.orElseThrow(), patched), logicalId, "Content");
        }
        PatchTarget.InlinePolicy inline = (PatchTarget.InlinePolicy) target;
        return inline(out, logicalId, properties, inline, deployed, patched);
    }

    private static ObjectNode replace(ObjectNode template, ObjectNode properties, String property, JsonNode deployed, JsonNode patched)
            throws DocumentMerge.NotEditable {
        JsonNode document = properties.path(property);
        if (document.isMissingNode()) {
            throw new DocumentMerge.NotEditable("the resource has no " + property + " in the template");
        }
        whole(document, property);
        properties.set(property, DocumentMerge.merge(document, deployed, patched));
        return template;
    }

    /* A document that is a parameter, a condition's choice or a macro's output cannot be edited in place. */
    private static void whole(JsonNode document, String property) throws DocumentMerge.NotEditable {
        if (!CfnTemplates.isIntrinsic(document)) {
            return;
        }
        String name = CfnTemplates.intrinsicName(document);
        JsonNode value = document.get(name);
        throw new DocumentMerge.NotEditable(switch (name) {
            case "Ref" -> "the " + property + " is the stack parameter " + value.asText() + ": change the value passed to the stack";
            case "Fn::If" -> "the " + property + " is chosen by the condition " + value.path(0).asText() + " (Fn::If)";
            case "Fn::Transform" -> "the " + property + " is produced by the macro " + value.path("Name").asText() + " (Fn::Transform)";
            default -> "the " + property + " is computed by " + name;
        });
    }

    private static Edited inline(ObjectNode template, String ownerId, ObjectNode properties, PatchTarget.InlinePolicy inline,
                                 Optional<JsonNode> deployed, JsonNode patched) throws DocumentMerge.NotEditable {
        JsonNode policies = properties.path("Policies");
        if (CfnTemplates.isIntrinsic(policies)) {
            throw new DocumentMerge.NotEditable("the owner's Policies are computed by " + CfnTemplates.intrinsicName(policies));
        }
        if (policies.isArray()) {
            for (JsonNode entry : policies) {
                if (entry.path("PolicyName").asText("").equals(inline.policyName()) && entry instanceof ObjectNode named) {
                    replace(template, named, "PolicyDocument", existing(inline, deployed), patched);
                    return new Edited(template, ownerId, "Policies");
                }
            }
        }
        Optional<Map.Entry<String, JsonNode>> separate = separatePolicy(template, ownerId, inline);
        if (separate.isPresent()) {
            replace(template, ((ObjectNode) separate.get().getValue()).with("Properties"), "PolicyDocument", existing(inline, deployed), patched);
            return new Edited(template, separate.get().getKey(), "PolicyDocument");
        }
        if (deployed.isPresent()) {
            throw new DocumentMerge.NotEditable("the inline policy " + inline.policyName()
                    + " is not in the template: it was added outside the stack");
        }
        // a new inline policy joins the owner's Policies, beside the ones the template already gives it
        ArrayNode list = policies.isArray() ? (ArrayNode) policies : properties.putArray("Policies");
        list.addObject().put("PolicyName", inline.policyName()).set("PolicyDocument", patched.deepCopy());
        return new Edited(template, ownerId, "Policies");
    }

    /* Today's document of an inline policy the template defines; one the owner lacks means the template and IAM disagree. */
    private static JsonNode existing(PatchTarget.InlinePolicy inline, Optional<JsonNode> deployed) throws DocumentMerge.NotEditable {
        if (deployed.isEmpty()) {
            throw new DocumentMerge.NotEditable("the template defines " + inline.policyName() + ", which the owner does not have");
        }
        return deployed.get();
    }

    /* AWS::IAM::Policy or AWS::IAM::RolePolicy (UserPolicy, GroupPolicy) of that name, attached to the owner by Ref or by name. */
    private static Optional<Map.Entry<String, JsonNode>> separatePolicy(ObjectNode template, String ownerId, PatchTarget.InlinePolicy inline) {
        String kind = inline.ownerKind();
        String capital = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        String ownerName = Arns.nameOf(inline.ownerArn());
        for (Map.Entry<String, JsonNode> resource : (Iterable<Map.Entry<String, JsonNode>>) () -> template.path("Resources").fields()) {
            String type = resource.getValue().path("Type").asText();
            JsonNode props = resource.getValue().path("Properties");
            if (!props.path("PolicyName").asText("").equals(inline.policyName())) {
                continue;
            }
            boolean attached = type.equals("AWS::IAM::Policy") && refers(props.path(capital + "s"), ownerId, ownerName)
                    || type.equals("AWS::IAM::" + capital + "Policy") && refers(props.path(capital + "Name"), ownerId, ownerName);
            if (attached) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    private static boolean refers(JsonNode node, String logicalId, String name) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (refers(element, logicalId, name)) {
                    return true;
                }
            }
            return false;
        }
        return node.path("Ref").asText("").equals(logicalId) || node.isTextual() && node.textValue().equals(name);
    }
}
