package dev.assumeroledoctor.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What CloudTrail's recent history adds to a diagnosis: the latest success on the same role with
 * the request facts that differ (those the causes turn on marked as deciding), and the policy
 * changes of the last days on the role, the caller and their organization, newest first, the one
 * a cause points at named as the likely trigger.
 *
 * @param regions where the event history was searched
 * @param days    how many days back
 * @param gaps    what could not be read (the sections are then partial, and say so)
 */
public record History(List<String> regions, int days, Optional<LastSuccess> lastSuccess, List<Change> changes, List<String> gaps) {
    public History {
        regions = List.copyOf(regions);
        changes = List.copyOf(changes);
        gaps = List.copyOf(gaps);
    }

    /** The latest call that assumed the same role. The ExternalId is compared by presence and equality, never shown. */
    public record LastSuccess(String caller, Instant time, String eventId, List<Difference> differences) {
        public LastSuccess {
            differences = List.copyOf(differences);
        }
    }

    public record Difference(String what, String allowed, String denied, boolean decides) {
    }

    /**
     * One policy change.
     *
     * @param what          the subject in words: "trust policy of role/deploy", "SCP p-1 attached to ou-…"
     * @param likelyTrigger a cause of this diagnosis points at what this change edited
     */
    public record Change(Instant time, String eventName, String actor, String what, String eventId, boolean likelyTrigger) {
    }
}
