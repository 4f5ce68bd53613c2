package dev.assumeroledoctor.history;

import dev.assumeroledoctor.report.Report;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one policy change does to the paths that worked recently.
 *
 * @param regions       the regions whose event history was searched
 * @param accounts      the accounts whose event history was searched
 * @param checked       how many distinct recent paths were re-evaluated
 * @param broken        the paths the change now denies
 * @param undetermined  paths that could not be re-evaluated, with why (never counted as fine)
 * @param gaps          history or policies that could not be read
 * @param bounds        where the work was cut short by a bound, said so
 * @param unchecked     accounts the change reaches whose part did not come back before the deadline, with why
 */
public record ChangeImpact(PolicyChange change, List<String> regions, List<String> accounts, int checked, List<Broken> broken,
                           List<String> undetermined, List<String> gaps, List<String> bounds, List<String> unchecked) {
    public ChangeImpact(PolicyChange change, List<String> regions, List<String> accounts, int checked, List<Broken> broken,
                        List<String> undetermined, List<String> gaps, List<String> bounds) {
        this(change, regions, accounts, checked, broken, undetermined, gaps, bounds, List.of());
    }

    public ChangeImpact {
        unchecked = List.copyOf(unchecked);
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
        broken = List.copyOf(broken);
        undetermined = List.copyOf(undetermined);
        gaps = List.copyOf(gaps);
        bounds = List.copyOf(bounds);
    }

    /**
     * One caller the change breaks.
     *
     * @param lastWorked when the call last succeeded
     * @param report     the diagnosis the call would get now: its causes and verified patch
     */
    public record Broken(String caller, String role, String action, Optional<Instant> lastWorked, String successEventId,
                         Report.Diagnosed report) {
    }

    /** Whether anyone needs to hear of it: a broken path, or accounts that could not be checked at all. */
    public boolean worthTelling() {
        return !broken.isEmpty() || !unchecked.isEmpty();
    }
}
