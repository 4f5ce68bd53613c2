package dev.assumeroledoctor.iac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.remediation.PatchTarget;
import java.util.List;
import java.util.Optional;

/**
 * Where one patched resource is really defined, and the change in that code.
 *
 * @param kind             {@code CLOUDFORMATION} (a stack defines it), {@code NONE} (no stack does, in
 *                         the regions looked in), {@code UNKNOWN} (the owner could not be read: see gap)
 * @param cdkPath          the resource's {@code aws:cdk:path}: the construct to change in the CDK app
 * @param property         the template property replaced
 * @param template         the whole patched template, as JSON, secrets redacted
 * @param jsonPatch        RFC 6902 operations from today's template to the patched one
 * @param changeSetCommand the command that proposes the template to the stack (or its StackSet)
 * @param templateFile     the file name the command reads the template from
 * @param reason           why the template cannot be edited safely: the CLI patch stays, and causes drift
 * @param managedBy        no stack defines it, but a tag says who manages it (e.g. {@code terraform (tag managed-by)})
 * @param gap              what could not be read
 * @param secretsRedacted  the template shows a secret's value redacted: put the real value back before use
 */
public record IacPlan(PatchTarget target, Kind kind, Optional<StackResource> stack, Optional<String> cdkPath, Optional<String> property,
                      Optional<JsonNode> template, Optional<JsonNode> jsonPatch, Optional<String> changeSetCommand,
                      Optional<String> templateFile, Optional<String> reason, Optional<String> managedBy, Optional<String> gap,
                      boolean secretsRedacted, List<String> notes) {

    public enum Kind {
        CLOUDFORMATION, NONE, UNKNOWN;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public IacPlan {
        notes = List.copyOf(notes);
    }

    /** Whether the fix is a template change (otherwise the CLI patch is the fix). */
    public boolean templatePatch() {
        return template.isPresent();
    }

    /** Whether running the CLI patch makes the resource drift from the code that owns it. */
    public boolean cliCausesDrift() {
        return kind == Kind.CLOUDFORMATION || managedBy.isPresent();
    }

    /** One line a person reads first: where to make the change. */
    public String headline() {
        if (kind == Kind.CLOUDFORMATION) {
            StackResource s = stack.orElseThrow();
            String where = s.stackSet().map(set -> "defined in StackSet " + set + " (" + s.logicalId() + ")")
                    .orElse("defined in stack " + s.stackName() + " (" + s.logicalId() + ")");
            String cdk = cdkPath.map(p -> ", CDK construct " + p).orElse("");
            return templatePatch() ? where + cdk + ": change the template" + (cdkPath.isPresent() ? " through that construct" : "")
                    : where + cdk + ": the template cannot be changed automatically (" + reason.orElse("") + "); the command below causes drift";
        }
        if (kind == Kind.UNKNOWN) {
            return "whether a stack defines it is unknown (" + gap.orElse("") + ")";
        }
        return managedBy.map(m -> "managed by " + m + ": make this change there; the command below causes drift")
                .orElse("no CloudFormation stack defines it");
    }
}
