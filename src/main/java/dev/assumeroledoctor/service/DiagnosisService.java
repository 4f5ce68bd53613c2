package dev.assumeroledoctor.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.diagnosis.Diagnoser;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.iac.IacPlanner;
import dev.assumeroledoctor.remediation.PatchPlanner;
import dev.assumeroledoctor.remediation.Remediation;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import java.util.Optional;
import java.util.function.Function;

/**
 * The orchestrator, one floor above the core: event in, report out (parse, diagnose, plan and
 * verify the remediation). It lives above {@code diagnosis} so that the core never imports
 * {@code remediation} or {@code report}. Where the snapshot comes from (files
 * offline, AWS live) is the caller's choice, made through {@code snapshots}.
 */
public final class DiagnosisService {
    private final Function<AssumeRoleEvent, Snapshot> snapshots;
    private final Function<AssumeRoleEvent, Optional<String>> skipReason;
    private final Optional<IacPlanner> iac;

    public DiagnosisService(Function<AssumeRoleEvent, Snapshot> snapshots) {
        this(snapshots, event -> Optional.empty());
    }

    /** @param skipReason why an applicable event must not be diagnosed (the function's own calls) */
    public DiagnosisService(Function<AssumeRoleEvent, Snapshot> snapshots, Function<AssumeRoleEvent, Optional<String>> skipReason) {
        this(snapshots, skipReason, Optional.empty());
    }

    private DiagnosisService(Function<AssumeRoleEvent, Snapshot> snapshots, Function<AssumeRoleEvent, Optional<String>> skipReason,
                             Optional<IacPlanner> iac) {
        this.snapshots = snapshots;
        this.skipReason = skipReason;
        this.iac = iac;
    }

    /** The same service, also naming the code (stack, template change) that owns each patched resource. */
    public DiagnosisService withIac(IacPlanner planner) {
        return new DiagnosisService(snapshots, skipReason, Optional.of(planner));
    }

    /** @throws dev.assumeroledoctor.event.EventParseException for an event that cannot be read */
    public Report diagnose(JsonNode event) {
        ParsedEvent parsed = EventParser.parse(event);
        if (parsed instanceof ParsedEvent.NotApplicable na) {
            return new Report.NotApplicable(na.reason());
        }
        AssumeRoleEvent applicable = ((ParsedEvent.Applicable) parsed).event();
        Optional<String> skip = skipReason.apply(applicable);
        if (skip.isPresent()) {
            return new Report.NotApplicable(skip.get());
        }
        return diagnose(applicable, snapshots.apply(applicable), iac);
    }

    /** One applicable event against one snapshot: the diagnosis and its verified remediation. */
    public static Report.Diagnosed diagnose(AssumeRoleEvent event, Snapshot snapshot) {
        Diagnosis diagnosis = Diagnoser.diagnose(event, snapshot);
        Remediation remediation = PatchPlanner.plan(diagnosis, snapshot);
        return new Report.Diagnosed(diagnosis, remediation);
    }

    /** As above, with the code that owns each patched resource where a planner is given. */
    public static Report.Diagnosed diagnose(AssumeRoleEvent event, Snapshot snapshot, Optional<IacPlanner> iac) {
        Report.Diagnosed report = diagnose(event, snapshot);
        return iac.map(planner -> report.withIac(planner.plan(report.remediation(), snapshot))).orElse(report);
    }
}
