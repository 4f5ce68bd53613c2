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
import dev.assumeroledoctor.snapshot.Inspection;
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
 * history is read when a change happens. A change that reaches many accounts (an SCP or RCP) is
 * split into one {@link Part} per account ({@link #plan}, {@link #part}), which the function fans out
 * through SQS and gathers ({@link #gather}); the command line runs the parts in turn ({@link #assess}).
 */
public final class ChangeWatch {
    /** @param lookback how far back successes are read (event history keeps 90 days; the default is 7) */
    public record Limits(Duration lookback) {
        public static Limits defaults() {
            return new Limits(Duration.ofDays(7));
        }
    }

    /** What a change asks to search: every account it reaches, and what could not be expanded. */
    public record Plan(PolicyChange change, List<String> accounts, List<String> gaps) {
        public Plan {
            accounts = List.copyOf(accounts);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * One account's share of a change: its recent paths re-evaluated against the state after it.
     *
     * @param paths  the digests of the paths re-evaluated ({@link SuccessRecords#pathDigest}): a cross-account path that both
     *               accounts recorded is counted once in the warning
     * @param broken   the success records of the paths now denied (the gatherer diagnoses them again for the warning)
     * @param evidence beside each broken record, the inspection it was evaluated against ({@link Inspection#toJson}), or a JSON
     *                 null: the gatherer renders the path's report from it instead of reading IAM a second time; empty when none was kept
     */
    public record Part(String account, List<String> paths, List<JsonNode> broken, List<String> undetermined, List<String> gaps,
                       List<JsonNode> evidence) {
        public Part {
            paths = List.copyOf(paths);
            broken = List.copyOf(broken);
            undetermined = List.copyOf(undetermined);
            gaps = List.copyOf(gaps);
            evidence = List.copyOf(evidence);
        }

        public Part(String account, List<String> paths, List<JsonNode> broken, List<String> undetermined, List<String> gaps) {
            this(account, paths, broken, undetermined, gaps, List.of());
        }
    }

    private final HistorySource history;
    private final Function<AssumeRoleEvent, Snapshot> snapshots;
    private final Limits limits;
    private final Clock clock;
    private final Executor reader;
    private final Optional<dev.assumeroledoctor.iac.IacPlanner> iac;
    /* A warning names where to fix at most this many broken paths: a few CloudFormation calls each, in the gathering invocation */
    static final int IAC_PATHS = 20;
    private final Optional<Function<AssumeRoleEvent, Inspection>> inspections;

    /**
     * @param snapshots the state after the change (live: read fresh, not from a cache older than the change)
     * @param reader    where the accounts' parts run in {@link #assess} (a bounded pool live, the caller's thread in tests)
     */
    public ChangeWatch(HistorySource history, Function<AssumeRoleEvent, Snapshot> snapshots, Limits limits, Clock clock, Executor reader) {
        this(history, snapshots, limits, clock, reader, Optional.empty(), Optional.empty());
    }

    private ChangeWatch(HistorySource history, Function<AssumeRoleEvent, Snapshot> snapshots, Limits limits, Clock clock, Executor reader,
                        Optional<dev.assumeroledoctor.iac.IacPlanner> iac, Optional<Function<AssumeRoleEvent, Inspection>> inspections) {
        this.reader = reader;
        this.history = history;
        this.snapshots = snapshots;
        this.limits = limits;
        this.clock = clock;
        this.iac = iac;
        this.inspections = inspections;
    }

    /** The same watch, naming for each broken path's patch the stack that defines its resource. */
    public ChangeWatch withIac(dev.assumeroledoctor.iac.IacPlanner planner) {
        return new ChangeWatch(history, snapshots, limits, clock, reader, Optional.of(planner), inspections);
    }

    /**
     * The same watch, reading each path's state as a whole inspection (live) that its part keeps
     * beside the broken path: the gatherer, in whichever container and however late, then needs no
     * second pass of IAM reads.
     */
    public ChangeWatch withEvidence(Function<AssumeRoleEvent, Inspection> inspector) {
        return new ChangeWatch(history, snapshots, limits, clock, reader, iac, Optional.of(inspector));
    }

    /** The change's effect on recent paths, every account's part in this process; empty when the event is no successful watched change. */
    public Optional<ChangeImpact> assess(JsonNode event) {
        Optional<Plan> plan = plan(event);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        Optional<java.util.Map<String, HistorySource.Records>> read = successesOf(plan.get());
        List<CompletableFuture<Part>> parts = plan.get().accounts().stream().map(account -> CompletableFuture.supplyAsync(
                () -> part(plan.get(), account, read.map(r -> r.getOrDefault(account, new HistorySource.Records(List.of(), List.of())))), reader))
                .toList();
        List<Part> done = new ArrayList<>();
        parts.forEach(p -> done.add(join(p)));
        return Optional.of(gather(plan.get(), done, List.of()));
    }

    /** Every account the change reaches (all of them, however many); empty when the event is no successful watched change. */
    public Optional<Plan> plan(JsonNode event) {
        Optional<PolicyChange> parsed = PolicyChanges.parse(event);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Findings found = new Findings();
        Searches searches = Searches.of(parsed.get(), history, found);
        return Optional.of(new Plan(parsed.get(), searches.accounts(), found.gaps));
    }

    /**
     * Every account's successes in one read, where the history can (Athena: one query per change);
     * empty where it cannot (each part then reads its own account), or when that read was refused.
     */
    public Optional<java.util.Map<String, HistorySource.Records>> successesOf(Plan plan) {
        if (plan.accounts().size() < 2) {
            return Optional.empty();
        }
        try {
            return history.successesOf(plan.accounts(), clock.instant().minus(limits.lookback()));
        } catch (HistorySource.Gap gap) {
            return Optional.empty();
        }
    }

    /** One account's recent paths, re-evaluated; a refused read is a gap of this account only, a fault fails the part. */
    public Part part(Plan plan, String account) {
        return part(plan, account, Optional.empty());
    }

    /** @param read the account's successes when they were read for the whole change; empty, the part reads them */
    public Part part(Plan plan, String account, Optional<HistorySource.Records> read) {
        Findings found = new Findings();
        Predicate<JsonNode> involved = Searches.forAccount(plan.change(), account, history, found);
        HistorySource.Records records;
        try {
            records = read.isPresent() ? read.get() : history.successes(account, clock.instant().minus(limits.lookback()));
        } catch (HistorySource.Gap gap) {
            return new Part(account, List.of(), List.of(), List.of(), List.of(gap.getMessage()));
        }
        found.gaps.addAll(records.gaps());
        List<JsonNode> matched = records.records().stream().filter(SuccessRecords::isSuccess).filter(involved).toList();
        List<JsonNode> paths = resolveCallers(HistorySource.newestFirst(SuccessRecords.distinctPaths(HistorySource.newestFirst(matched))), found);
        paths = SuccessRecords.distinctPaths(HistorySource.newestFirst(paths));
        List<JsonNode> broken = new ArrayList<>();
        List<JsonNode> evidence = new ArrayList<>();
        for (JsonNode path : paths) {
            // the part's reports are not delivered (the gatherer's are): no stack lookups here
            evaluate(path, found, this::read, Optional.empty()).ifPresent(state -> {
                broken.add(path);
                evidence.add(state.evidence());
            });
        }
        return new Part(account, paths.stream().map(SuccessRecords::pathDigest).toList(), broken, found.undetermined, found.gaps, evidence);
    }

    /**
     * The warning of a change from its parts: the broken paths diagnosed again (their reports carry the
     * causes and verified patches), every part's counts and gaps, and the accounts no part came back for.
     */
    public ChangeImpact gather(Plan plan, List<Part> parts, List<String> unchecked) {
        Findings found = new Findings();
        found.gaps.addAll(plan.gaps());
        java.util.Set<String> checked = new java.util.HashSet<>();
        List<JsonNode> broken = new ArrayList<>();
        java.util.Map<String, JsonNode> kept = Evidence.kept(parts);
        for (Part part : parts) {
            checked.addAll(part.paths());
            broken.addAll(part.broken());
            found.undetermined.addAll(part.undetermined());
            found.gaps.addAll(part.gaps());
        }
        List<JsonNode> distinct = SuccessRecords.distinctPaths(HistorySource.newestFirst(broken));
        for (int i = 0; i < distinct.size(); i++) {
            JsonNode stored = kept.get(SuccessRecords.pathDigest(distinct.get(i)));
            evaluate(distinct.get(i), found, stored == null ? this::read : event -> Evidence.stored(stored).orElseGet(() -> read(event)),
                    i < IAC_PATHS ? iac : Optional.empty());
        }
        if (iac.isPresent() && distinct.size() > IAC_PATHS) {
            found.bounds.add("the stacks that define the patched resources were looked up for the newest " + IAC_PATHS + " of the "
                    + distinct.size() + " broken paths");
        }
        return new ChangeImpact(plan.change(), history.regions(), parts.stream().map(Part::account).toList(), checked.size(), found.broken,
                found.undetermined, found.gaps, found.bounds, unchecked);
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

    /* The state a path is evaluated against now: a whole inspection where the part is to keep it, else the snapshot alone. */
    private Evidence.Reading read(AssumeRoleEvent event) {
        if (inspections.isPresent()) {
            Inspection inspection = inspections.get().apply(event);
            return new Evidence.Reading(inspection.snapshot(), inspection.toJson());
        }
        return new Evidence.Reading(snapshots.apply(event), com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    /* A path re-evaluated: broken (with the state that broke it), undetermined (with why), or still open. */
    private Optional<Evidence.Reading> evaluate(JsonNode success, Findings found, Function<AssumeRoleEvent, Evidence.Reading> state,
                                                Optional<dev.assumeroledoctor.iac.IacPlanner> stacks) {
        String who = SuccessRecords.caller(success) + " -> " + SuccessRecords.roleArn(success);
        AssumeRoleEvent event;
        try {
            ParsedEvent parsed = EventParser.parse(SuccessRecords.asRefused(success));
            if (!(parsed instanceof ParsedEvent.Applicable applicable)) {
                found.undetermined.add(who + ": " + ((ParsedEvent.NotApplicable) parsed).reason());
                return Optional.empty();
            }
            event = applicable.event();
        } catch (EventParseException e) {
            found.undetermined.add(who + ": its record cannot be read (" + e.getMessage() + ")");
            return Optional.empty();
        }
        Evidence.Reading reading = state.apply(event);
        Report.Diagnosed report = DiagnosisService.diagnose(event, reading.snapshot(), stacks);
        PathChecker.Judgement judgement = PathChecker.judge(report);
        if (judgement.outcome() == PathResult.Outcome.DENY) {
            ChangeImpact.Broken broken = new ChangeImpact.Broken(SuccessRecords.caller(success), SuccessRecords.roleArn(success),
                    "sts:" + success.path("eventName").asText(), SuccessRecords.time(success), success.path("eventID").asText(""), report);
            found.broken.add(broken);
            return Optional.of(reading);
        }
        if (judgement.outcome() == PathResult.Outcome.UNDETERMINED) {
            found.undetermined.add(who + ": " + judgement.why());
        }
        return Optional.empty();
    }

    /* What one assessment collects as it goes. */
    static final class Findings {
        final List<ChangeImpact.Broken> broken = new ArrayList<>();
        final List<String> undetermined = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        final List<String> bounds = new ArrayList<>();
    }
}
