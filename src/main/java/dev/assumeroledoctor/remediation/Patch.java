package dev.assumeroledoctor.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.CauseId;
import java.util.List;
import java.util.Optional;

/**
 * A complete replacement document for one policy, with its diff and the command that applies it.
 *
 * @param policyName the inline policy's name (for {@code put-*-policy})
 * @param diff       unified diff against today's document (against nothing for a new policy)
 */
public record Patch(
        List<CauseId> fixes,
        PatchTarget target,
        Optional<String> policyName,
        String description,
        JsonNode document,
        String diff,
        String command) {

    public Patch {
        fixes = List.copyOf(fixes);
    }
}
