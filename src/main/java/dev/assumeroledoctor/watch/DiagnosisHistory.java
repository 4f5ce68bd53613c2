package dev.assumeroledoctor.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.check.Comparison;
import dev.assumeroledoctor.diagnosis.RequestRebuilder;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.history.ChangeRelevance;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.PolicyChange;
import dev.assumeroledoctor.history.PolicyChanges;
import dev.assumeroledoctor.history.SuccessRecords;
import dev.assumeroledoctor.report.History;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gives a diagnosis its recent history: the latest success on the same role, compared with the
 * failure ("why could they and not this caller?"), and the policy changes of the last days on the
 * role, the caller and the organization above them, with the likely trigger named. The lookups
 * start with the diagnosis and run beside the IAM reads ({@link #start}); they are joined when the
 * diagnosis is done ({@link #attach}). What could not be read is said in the section; the
 * diagnosis itself never waits on, or depends on, its history.
 */
public final class DiagnosisHistory {
    private final HistorySource history;
    private final Function<AssumeRoleEvent, Snapshot> snapshots;
    private final Duration lookback;
    private final Clock clock;
    private final Executor reader;

    public DiagnosisHistory(HistorySource history, Function<AssumeRoleEvent, Snapshot> snapshots, Duration lookback, Clock clock,
                            Executor reader) {
        this.history = history;
        this.snapshots = snapshots;
        this.lookback = lookback;
        this.clock = clock;
        this.reader = reader;
    }

    /** The lookups of one diagnosis, under way. */
    public record Pending(CompletableFuture<Read> successes, CompletableFuture<Read> iam, CompletableFuture<Read> callerIam,
                          CompletableFuture<Read> organization) {
    }

    /* Records read, or why not. */
    record Read(List<JsonNode> records, List<String> gaps) {
    }

    /** Starts the lookups the call's history needs; empty when the record names no role. */
    public Optional<Pending> start(AssumeRoleEvent event) {
        Optional<String> role = RequestRebuilder.roleArn(event);
        if (role.isEmpty() || role.get().split(":").length < 6) {
            return Optional.empty();
        }
        String roleAccount = role.get().split(":")[4];
        Optional<String> callerAccount = event.caller().accountId().filter(a -> !a.equals(roleAccount));
        Instant since = clock.instant().minus(lookback);
        return Optional.of(new Pending(read(() -> history.successes(roleAccount, since)), read(() -> history.iamChanges(roleAccount, since)),
                callerAccount.map(a -> read(() -> history.iamChanges(a, since))).orElse(CompletableFuture.completedFuture(
                        new Read(List.of(), List.of()))), read(() -> history.organizationChanges(since))));
    }

    /** The diagnosis with its history section. */
    public Report.Diagnosed attach(Pending pending, Report.Diagnosed report) {
        List<String> gaps = new ArrayList<>();
        Optional<History.LastSuccess> last = lastSuccess(pending.successes().join(), report, gaps);
        ChangeRelevance relevance = new ChangeRelevance(report.diagnosis(), organization(report, gaps));
        List<History.Change> changes = new ArrayList<>();
        boolean triggerNamed = false;
        for (JsonNode record : HistorySource.newestFirst(collect(gaps, pending.iam().join(), pending.callerIam().join(), pending.organization().join()))) {
            Optional<PolicyChange> change = PolicyChanges.parse(record);
            Optional<String> what = change.flatMap(relevance::concerns);
            if (what.isEmpty()) {
                continue;
            }
            // the newest change a cause points at is the likely trigger; older ones on the same policy are history
            boolean trigger = !triggerNamed && relevance.likelyTrigger(change.get());
            triggerNamed |= trigger;
            changes.add(new History.Change(change.get().time(), change.get().eventName(), change.get().actor(), what.get(),
                    change.get().eventId(), trigger));
        }
        return report.withHistory(new History(history.regions(), (int) lookback.toDays(), last, changes, gaps));
    }

    private Optional<History.LastSuccess> lastSuccess(Read read, Report.Diagnosed report, List<String> gaps) {
        gaps.addAll(read.gaps());
        String role = report.diagnosis().request().roleArn().orElse("");
        String roleAccount = report.diagnosis().request().roleAccount().orElse("");
        String roleName = Arns.nameOf(role);
        Optional<JsonNode> latest = HistorySource.newestFirst(read.records()).stream().filter(SuccessRecords::isSuccess).filter(SuccessRecords.involving(
                new PolicyChange.TargetRole(roleAccount, roleName))).findFirst();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        JsonNode success = latest.get();
        if (SuccessRecords.callerHidden(success)) {
            try {
                Optional<JsonNode> copy = history.callerCopy(SuccessRecords.callerAccount(success), success);
                if (copy.isPresent()) {
                    success = copy.get();
                }
            } catch (HistorySource.Gap gap) {
                gaps.add(gap.getMessage());
            } catch (RuntimeException fault) {
                gaps.add("the caller's account could not be searched for the latest success (" + fault.getClass().getSimpleName() + ")");
            }
        }
        try {
            Comparison comparison = Comparison.of(success, snapshots.apply(Comparison.allowed(success)), report);
            return Optional.of(new History.LastSuccess(SuccessRecords.caller(success), SuccessRecords.time(success).orElse(Instant.EPOCH),
                    success.path("eventID").asText(""), comparison.differences().stream()
                    .map(d -> new History.Difference(d.what(), d.allowed(), d.denied(), d.decides())).toList()));
        } catch (IllegalArgumentException unreadable) {
            gaps.add("the latest success on the role could not be read: " + unreadable.getMessage());
            return Optional.empty();
        } catch (RuntimeException fault) {
            // reading the successful caller failed: the section says so, the diagnosis goes out
            gaps.add("the latest success's caller could not be read (" + fault.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /* The organization above both accounts, from the diagnosis's own (cached) reads; unreadable, the changes are matched without it. */
    private Optional<dev.assumeroledoctor.snapshot.OrganizationSnapshot> organization(Report.Diagnosed report, List<String> gaps) {
        try {
            return snapshots.apply(report.diagnosis().event()).organization();
        } catch (RuntimeException fault) {
            gaps.add("the organization could not be read (" + fault.getClass().getSimpleName() + "): its levels' changes may be missing");
            return Optional.empty();
        }
    }

    /* A lookup on the reader; a refusal is a gap, and so is a fault: the diagnosis is delivered whatever its history. */
    private CompletableFuture<Read> read(Supplier<HistorySource.Records> lookup) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HistorySource.Records records = lookup.get();
                return new Read(records.records(), records.gaps());
            } catch (HistorySource.Gap gap) {
                return new Read(List.of(), List.of(gap.getMessage()));
            } catch (RuntimeException fault) {
                return new Read(List.of(), List.of("CloudTrail could not be read (" + fault.getClass().getSimpleName() + "): the history is partial"));
            }
        }, reader);
    }

    private static List<JsonNode> collect(List<String> gaps, Read... reads) {
        List<JsonNode> all = new ArrayList<>();
        for (Read read : reads) {
            all.addAll(read.records());
            gaps.addAll(read.gaps());
        }
        return all;
    }
}
