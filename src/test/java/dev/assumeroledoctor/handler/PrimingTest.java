package dev.assumeroledoctor.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.diagnosis.CauseId;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the whole pipeline on the bundled sample, offline. */
class PrimingTest {
    @Test
    void primesOnTheBundledSampleWithoutAws() {
        var report = Priming.prime();
        assertThat(report.diagnosis().has(CauseId.IDENTITY_NO_ALLOW)).isTrue();
        assertThat(report.remediation().verified()).isTrue();
    }
}
