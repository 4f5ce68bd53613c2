package dev.assumeroledoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.check.PathChecker;
import dev.assumeroledoctor.check.PathResult;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParseException;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.history.ChangeImpact;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.history.SuccessRecords;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * "This change breaks N callers": for one successful policy change, the calls that succeeded
 * recently on what it touches are read from CloudTrail's event history and re-evaluated, by the
 * diagnosis engine, against the state after the change. No success is stored ahead of time: the
 * history is read when a change happens.
 */
public final class ChangeWatch {
    /**
     * @param lookback    how far back successes are read (event history keeps 90 days; the default is 7)
     * @param maxAccounts how many accounts an SCP/RCP change searches
     * @param maxPaths    how many distinct paths one change re-evaluates
     */
    public record Limits(Duration lookback, int maxAccounts, int maxPaths) {
        public static Limits defaults() {
            return new Limits(Duration.ofDays(7), 25, 200);
        }
    }

    private final HistorySource history;
    private final Function<AssumeRoleEvent, Snapshot> snapshots;
    private final Limits limits;
    private final Clock clock;
    private final Executor reader;

    /**
     * @param snapshots the state after the change (live: read fresh, not from a cache older than the change)
     * @param reader    where the accounts' histories are read (a bounded pool live, the caller's thread in tests)
     */
    public ChangeWatch(HistorySource history, Function<AssumeRoleEvent, Snapshot> snapshots, Limits limits, Clock clock, Executor reader) {
        this.reader = reader;
        this.history = history;
        this.snapshots = snapshots;
        this.limits = limits;
        this.clock = clock;
    }

    /** The change's effect on recent paths, or empty when the event is not a successful watched change. */
    public Optional<ChangeImpact> assess(JsonNode event) {
        Optional<PolicyChange> parsed = PolicyChanges.parse(event);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        PolicyChange change = parsed.get();
        Findings found = new Findings();
        Searches searches = Searches.of(change, history, limits.maxAccounts(), found);
        Instant since = clock.instant().minus(limits.lookback());
        // accounts are read side by side: CloudTrail's lookup rate is per account and region
        List<CompletableFuture<HistorySource.Records>> reads = searches.accounts().stream()
                .map(account -> CompletableFuture.supplyAsync(() -> read(account, since), reader)).toList();
        List<JsonNode> matched = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            HistorySource.Records records = join(reads.get(i));
            Predicate<JsonNode> involved = searches.predicate(searches.accounts().get(i));
            found.gaps.addAll(records.gaps());
            records.records().stream().filter(SuccessRecords::isSuccess).filter(involved).forEach(matched::add);
        }
        List<JsonNode> paths = resolveCallers(HistorySource.newestFirst(SuccessRecords.distinctPaths(HistorySource.newestFirst(matched))), found);
        paths = SuccessRecords.distinctPaths(HistorySource.newestFirst(paths));
        if (paths.size() > limits.maxPaths()) {
            found.bounds.add("only the " + limits.maxPaths() + " most recent of " + paths.size() + " distinct paths were re-evaluated");
            paths = paths.subList(0, limits.maxPaths());
        }
        for (JsonNode path : paths) {
            evaluate(path, found);
        }
        return Optional.of(new ChangeImpact(change, history.regions(), searches.accounts(), paths.size(), found.broken, found.undetermined,
                found.gaps, found.bounds));
    }

    /* One account's successes; a refusal is a gap of this account only. */
    private HistorySource.Records read(String account, Instant since) {
        try {
            return history.successes(account, since);
        } catch (HistorySource.Gap gap) {
            return new HistorySource.Records(List.of(), List.of(gap.getMessage()));
        }
    }

    /* A fault in one account's read fails the whole assessment, as it would read sequentially. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /* A cross-account caller that the role's account names only by account and principal id is read from the caller's account. */
    private List<JsonNode> resolveCallers(List<JsonNode> paths, Findings found) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode path : paths) {
            if (!SuccessRecords.callerHidden(path)) {
                out.add(path);
                continue;
            }
            String account = SuccessRecords.callerAccount(path);
            try {
                Optional<JsonNode> copy = history.callerCopy(account, path);
                copy.ifPresentOrElse(out::add, () -> found.undetermined.add("a call from account " + account + " to "
                        + SuccessRecords.roleArn(path) + ": the caller's account has no copy of it that names the caller"));
            } catch (HistorySource.Gap gap) {
                found.undetermined.add("a call from account " + account + " to " + SuccessRecords.roleArn(path) + ": " + gap.getMessage());
            }
        }
        return out;
    }

    private void evaluate(JsonNode success, Findings found) {
        String who = SuccessRecords.caller(success) + " -> " + SuccessRecords.roleArn(success);
        AssumeRoleEvent event;
        try {
            ParsedEvent parsed = EventParser.parse(SuccessRecords.asRefused(success));
            if (!(parsed instanceof ParsedEvent.Applicable applicable)) {
                found.undetermined.add(who + ": " + ((ParsedEvent.NotApplicable) parsed).reason());
                return;
            }
            event = applicable.event();
        } catch (EventParseException e) {
            found.undetermined.add(who + ": its record cannot be read (" + e.getMessage() + ")");
            return;
        }
        Report.Diagnosed report = DiagnosisService.diagnose(event, snapshots.apply(event));
        PathChecker.Judgement judgement = PathChecker.judge(report);
        if (judgement.outcome() == PathResult.Outcome.DENY) {
            found.broken.add(new ChangeImpact.Broken(SuccessRecords.caller(success), SuccessRecords.roleArn(success),
                    "sts:" + success.path("eventName").asText(), SuccessRecords.time(success), success.path("eventID").asText(""), report));
        } else if (judgement.outcome() == PathResult.Outcome.UNDETERMINED) {
            found.undetermined.add(who + ": " + judgement.why());
        }
    }

    /* What one assessment collects as it goes. */
    static final class Findings {
        final List<ChangeImpact.Broken> broken = new ArrayList<>();
        final List<String> undetermined = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        final List<String> bounds = new ArrayList<>();
    }
}
