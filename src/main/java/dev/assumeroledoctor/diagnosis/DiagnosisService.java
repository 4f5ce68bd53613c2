package dev.assumeroledoctor.diagnosis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.remediation.PatchPlanner;
import dev.assumeroledoctor.remediation.Remediation;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.function.Function;

/**
 * The one entry point of the core: event in, report out. Where the snapshot comes from (files
 * offline, AWS live) is the caller's choice, made through {@code snapshots}.
 */
public final class DiagnosisService {
    private final Function<dev.assumeroledoctor.event.AssumeRoleEvent, Snapshot> snapshots;

    public DiagnosisService(Function<dev.assumeroledoctor.event.AssumeRoleEvent, Snapshot> snapshots) {
        this.snapshots = snapshots;
    }

    /** @throws dev.assumeroledoctor.event.EventParseException for an event that cannot be read */
    public Report diagnose(JsonNode event) {
        ParsedEvent parsed = EventParser.parse(event);
        if (parsed instanceof ParsedEvent.NotApplicable na) {
            return new Report.NotApplicable(na.reason());
        }
        dev.assumeroledoctor.event.AssumeRoleEvent applicable = ((ParsedEvent.Applicable) parsed).event();
        Snapshot snapshot = snapshots.apply(applicable);
        Diagnosis diagnosis = Diagnoser.diagnose(applicable, snapshot);
        Remediation remediation = PatchPlanner.plan(diagnosis, snapshot);
        return new Report.Diagnosed(diagnosis, remediation);
    }
}
