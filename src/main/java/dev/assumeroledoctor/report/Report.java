package dev.assumeroledoctor.report;

import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.iac.IacPlan;
import dev.assumeroledoctor.remediation.Patch;
import dev.assumeroledoctor.remediation.Remediation;
import java.util.List;
import java.util.Optional;

/** What one event produced: a diagnosis with its remediation, or a reason it is not for us. */
public sealed interface Report {

    /**
     * @param history what CloudTrail's recent history adds, when it was read (live)
     * @param iac     where each patched resource is defined, when that was looked up (live, or templates given)
     */
    record Diagnosed(Diagnosis diagnosis, Remediation remediation, Optional<History> history, List<IacPlan> iac) implements Report {
        public Diagnosed {
            iac = List.copyOf(iac);
        }

        public Diagnosed(Diagnosis diagnosis, Remediation remediation) {
            this(diagnosis, remediation, Optional.empty(), List.of());
        }

        public Diagnosed(Diagnosis diagnosis, Remediation remediation, Optional<History> history) {
            this(diagnosis, remediation, history, List.of());
        }

        public Diagnosed withHistory(History history) {
            return new Diagnosed(diagnosis, remediation, Optional.of(history), iac);
        }

        public Diagnosed withIac(List<IacPlan> plans) {
            return new Diagnosed(diagnosis, remediation, history, plans);
        }

        /** Where the patch's resource is defined, if that was looked up. */
        public Optional<IacPlan> iacOf(Patch patch) {
            return iac.stream().filter(p -> p.target().equals(patch.target())).findFirst();
        }
    }

    record NotApplicable(String reason) implements Report {
    }
}
