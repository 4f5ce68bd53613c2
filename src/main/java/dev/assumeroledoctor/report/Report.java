package dev.assumeroledoctor.report;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.remediation.Remediation;

/** What one event produced: a diagnosis with its remediation, or a reason it is not for us. */
public sealed interface Report {

    /** @param history what CloudTrail's recent history adds, when it was read (live) */
    record Diagnosed(Diagnosis diagnosis, Remediation remediation, java.util.Optional<History> history) implements Report {
        public Diagnosed(Diagnosis diagnosis, Remediation remediation) {
            this(diagnosis, remediation, java.util.Optional.empty());
        }

        public Diagnosed withHistory(History history) {
            return new Diagnosed(diagnosis, remediation, java.util.Optional.of(history));
        }
    }

    record NotApplicable(String reason) implements Report {
    }
}
