package dev.assumeroledoctor.check;

import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.CauseId;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RoleAssessment;
import dev.assumeroledoctor.diagnosis.Verdict;
import dev.assumeroledoctor.evaluation.Match;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Pre-flight: evaluates each path with the diagnosis engine, on the snapshot as it is or as a
 * plan would leave it. One floor above the diagnosis service, whose diagnosis it reuses.
 */
public final class PathChecker {
    /* Causes that say something about the record or the clock, not about whether the path is open. */
    private static final Set<CauseId> NOT_A_DENIAL = EnumSet.of(CauseId.NOT_REPRODUCED, CauseId.ROLE_RECENTLY_CHANGED);

    private final Function<AssumeRoleEvent, Snapshot> snapshots;
    private final UnaryOperator<Snapshot> plan;
    private final Instant now;
    private final java.util.Optional<dev.assumeroledoctor.iac.IacPlanner> iac;

    /**
     * @param snapshots the accounts a path involves (files offline, the inspector live)
     * @param plan      the proposed documents laid over the snapshot ({@link PlanOverlay}), or identity
     */
    public PathChecker(Function<AssumeRoleEvent, Snapshot> snapshots, UnaryOperator<Snapshot> plan, Instant now) {
        this(snapshots, plan, now, java.util.Optional.empty());
    }

    private PathChecker(Function<AssumeRoleEvent, Snapshot> snapshots, UnaryOperator<Snapshot> plan, Instant now,
                        java.util.Optional<dev.assumeroledoctor.iac.IacPlanner> iac) {
        this.snapshots = snapshots;
        this.plan = plan;
        this.now = now;
        this.iac = iac;
    }

    /** The same check, naming for each closed path's patch the stack that defines its resource. */
    public PathChecker withIac(dev.assumeroledoctor.iac.IacPlanner planner) {
        return new PathChecker(snapshots, plan, now, java.util.Optional.of(planner));
    }

    public List<PathResult> check(List<PathSpec> paths) {
        return paths.stream().map(this::check).toList();
    }

    public PathResult check(PathSpec path) {
        Snapshot empty = new Snapshot(java.util.Map.of(), java.util.Optional.empty());
        // a first record finds the accounts; the second knows the session's role path and the ExternalId asked for
        Snapshot fetched = snapshots.apply(event(SyntheticRecord.of(path, empty, now)));
        Snapshot snapshot = plan.apply(fetched);
        AssumeRoleEvent event = event(SyntheticRecord.of(path, snapshot, now));
        return outcome(path, DiagnosisService.diagnose(event, snapshot, iac));
    }

    private static PathResult outcome(PathSpec path, Report.Diagnosed report) {
        Judgement judgement = judge(report);
        if (judgement.outcome() == PathResult.Outcome.ALLOW) {
            // a path that is open has nothing to explain: NOT_REPRODUCED is a word for a failure that no longer happens
            Diagnosis d = report.diagnosis();
            report = new Report.Diagnosed(new Diagnosis(d.verdict(), d.event(), d.request(), List.of(), d.unknowns(), d.aws(), d.assessments()),
                    report.remediation(), report.history(), report.iac());
        }
        return new PathResult(path, judgement.outcome(), judgement.why(), report);
    }

    /** What a diagnosis of a call says of the path: open, closed (with the causes), or not knowable from the record. */
    public record Judgement(PathResult.Outcome outcome, String why) {
    }

    /** The outcome of a path from its diagnosis: the one rule the pre-flight check and the change watch share. */
    public static Judgement judge(Report.Diagnosed report) {
        Diagnosis diagnosis = report.diagnosis();
        List<Cause> gaps = diagnosis.causes().stream().filter(c -> c.id() == CauseId.INSUFFICIENT_DATA).toList();
        if (!gaps.isEmpty()) {
            return new Judgement(PathResult.Outcome.UNDETERMINED, gaps.get(0).explanation());
        }
        List<Cause> denials = diagnosis.causes().stream().filter(c -> !NOT_A_DENIAL.contains(c.id())).toList();
        Match allowed = diagnosis.assessments().stream().map(RoleAssessment::allowed).reduce(Match.NO, Match::or);
        if (diagnosis.verdict() == Verdict.ALLOWED && denials.isEmpty()) {
            return new Judgement(PathResult.Outcome.ALLOW, "every policy that decides allows it");
        }
        if (allowed == Match.UNKNOWN && diagnosis.verdict() != Verdict.EXPLICIT_DENY) {
            return new Judgement(PathResult.Outcome.UNDETERMINED, "the outcome depends on what the request cannot show: "
                    + String.join("; ", diagnosis.unknowns()));
        }
        return new Judgement(PathResult.Outcome.DENY, denials.isEmpty() ? "denied"
                : denials.stream().map(c -> c.id().name()).distinct().collect(java.util.stream.Collectors.joining(", ")));
    }

    private static AssumeRoleEvent event(com.fasterxml.jackson.databind.JsonNode record) {
        ParsedEvent parsed = EventParser.parse(record);
        if (parsed instanceof ParsedEvent.Applicable applicable) {
            return applicable.event();
        }
        throw new IllegalArgumentException("the path cannot be evaluated: " + ((ParsedEvent.NotApplicable) parsed).reason());
    }
}
