package dev.assumeroledoctor.report;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.remediation.Remediation;

/** What one event produced: a diagnosis with its remediation, or a reason it is not for us. */
public sealed interface Report {

    record Diagnosed(Diagnosis diagnosis, Remediation remediation) implements Report {
    }

    record NotApplicable(String reason) implements Report {
    }
}
