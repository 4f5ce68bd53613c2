package dev.assumeroledoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.history.SuccessRecords;
import dev.assumeroledoctor.snapshot.Inspection;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a part keeps of the state each broken path was evaluated against, so the gatherer renders
 * the warning from it: one pass of IAM reads per account per change, whichever container gathers
 * and however long after the part ran.
 */
final class Evidence {
    private Evidence() {
    }

    /** The state a path is evaluated against, and what a part keeps of it (a JSON null when nothing). */
    record Reading(Snapshot snapshot, JsonNode evidence) {
    }

    /** Each broken path's kept inspection, by the path's digest (a path two accounts recorded is kept once). */
    static Map<String, JsonNode> kept(List<ChangeWatch.Part> parts) {
        Map<String, JsonNode> kept = new HashMap<>();
        for (ChangeWatch.Part part : parts) {
            for (int i = 0; i < part.evidence().size() && i < part.broken().size(); i++) {
                if (part.evidence().get(i).isObject()) {
                    kept.putIfAbsent(SuccessRecords.pathDigest(part.broken().get(i)), part.evidence().get(i));
                }
            }
        }
        return kept;
    }

    /** The state a part evaluated, as it kept it; empty when it cannot be read back (the path is then read live). */
    static Optional<Reading> stored(JsonNode evidence) {
        try {
            return Optional.of(new Reading(Inspection.fromJson(evidence).snapshot(), evidence));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
