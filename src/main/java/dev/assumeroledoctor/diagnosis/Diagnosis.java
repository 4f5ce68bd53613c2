package dev.assumeroledoctor.diagnosis;

import dev.assumeroledoctor.event.AssumeRoleEvent;
import java.util.List;
import java.util.Optional;

/**
 * Why AWS denied one request, by today's policies.
 *
 * @param assessments one per role evaluated (several only for a web-identity call naming no role)
 */
public record Diagnosis(
        Verdict verdict,
        AssumeRoleEvent event,
        RebuiltRequest request,
        List<Cause> causes,
        List<String> unknowns,
        Optional<AwsAttribution> aws,
        List<RoleAssessment> assessments) {

    public Diagnosis {
        causes = List.copyOf(causes);
        unknowns = List.copyOf(unknowns);
        assessments = List.copyOf(assessments);
    }

    public boolean has(CauseId id) {
        return causes.stream().anyMatch(c -> c.id() == id);
    }
}
