package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import java.util.List;
import java.util.Optional;

/** The diff and the AWS CLI command that apply a patch. */
final class PatchRendering {
    private PatchRendering() {
    }

    static Patch render(PatchTarget target, Optional<JsonNode> original, JsonNode document, List<CauseId> fixes, String description) {
        String file = fileName(target);
        String diff = UnifiedDiff.diff(file, original.map(o -> Json.pretty(SecretScrubber.scrub(o))).orElse(""),
                Json.pretty(SecretScrubber.scrub(document)));
        Optional<String> policyName = target instanceof PatchTarget.InlinePolicy i ? Optional.of(i.policyName()) : Optional.empty();
        return new Patch(fixes, target, policyName, description, document, diff, command(target, file));
    }

    static String command(PatchTarget target, String file) {
        if (target instanceof PatchTarget.TrustPolicy t) {
            return "aws iam update-assume-role-policy --role-name " + quote(Arns.nameOf(t.roleArn())) + " --policy-document file://" + file;
        }
        if (target instanceof PatchTarget.InlinePolicy i) {
            String kind = i.ownerKind();
            return "aws iam put-" + kind + "-policy --" + kind + "-name " + quote(Arns.nameOf(i.ownerArn())) + " --policy-name "
                    + quote(i.policyName()) + " --policy-document file://" + file;
        }
        if (target instanceof PatchTarget.ManagedPolicy m) {
            return "aws iam create-policy-version --policy-arn " + quote(m.policyArn()) + " --policy-document file://" + file
                    + " --set-as-default";
        }
        PatchTarget.OrganizationPolicy o = (PatchTarget.OrganizationPolicy) target;
        return "aws organizations update-policy --policy-id " + quote(o.policyId()) + " --content file://" + file;
    }

    static String fileName(PatchTarget target) {
        String base;
        if (target instanceof PatchTarget.TrustPolicy t) {
            base = "trust-" + Arns.nameOf(t.roleArn());
        } else if (target instanceof PatchTarget.InlinePolicy i) {
            base = Arns.nameOf(i.ownerArn()) + "-" + i.policyName();
        } else if (target instanceof PatchTarget.ManagedPolicy m) {
            base = Arns.nameOf(m.policyArn());
        } else {
            base = target.arn();
        }
        return base.replaceAll("[^A-Za-z0-9+=,.@_-]", "_") + ".json";
    }

    /* POSIX single quotes: the names come from ARNs, which a caller can shape. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
