package dev.assumeroledoctor.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.SnapshotException;
import dev.assumeroledoctor.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organization file's completeness ({@code docs/snapshot.md}): an account listed outside the
 * organization has no SCPs or RCPs; a root, OU or account with no policy of a type in use means the
 * file is incomplete, a gap naming that level and never a certain {@code SCP_NO_ALLOW} ("SCP
 * inheritance": while SCPs are enabled every root, OU and account has at least one attached).
 */
class OrganizationFileTest {
    @TempDir
    Path dir;

    @Test
    void aVendorListedOutsideTheOrganizationHasNoScpsToGuessAndTheRcpDenyStaysCertain() throws IOException {
        Report.Diagnosed report = diagnose("rcp-explicit-deny", org -> org.putArray("OutsideAccounts").add("333333333333"));
        assertThat(ids(report)).containsExactly("RCP_EXPLICIT_DENY");
        assertThat(report.diagnosis().verdict().name()).isEqualTo("EXPLICIT_DENY");
        // neither placed nor listed outside, the vendor's account is unknown: its SCPs are a gap, the RCP deny stays certain
        Report.Diagnosed unknown = diagnose("rcp-explicit-deny", org -> org.remove("OutsideAccounts"));
        assertThat(ids(unknown)).containsExactlyInAnyOrder("RCP_EXPLICIT_DENY", "INSUFFICIENT_DATA");
        assertThat(unknown.diagnosis().verdict().name()).isEqualTo("EXPLICIT_DENY");
    }

    @Test
    void aLevelWithNoScpListedIsAGapNamingItNotScpNoAllow() throws IOException {
        Report.Diagnosed report = diagnose("scp-no-allow", org -> ((ObjectNode) org.path("Targets")).remove("ou-ab12-tools0001"));
        assertThat(ids(report)).contains("INSUFFICIENT_DATA").doesNotContain("SCP_NO_ALLOW");
        assertThat(report.diagnosis().causes().stream().filter(c -> c.id() == CauseId.INSUFFICIENT_DATA)
                .map(Object::toString).reduce("", String::concat)).contains("ou-ab12-tools0001");
    }

    @Test
    void withEveryLevelListedTheCauseIsStillCertain() throws IOException {
        assertThat(ids(diagnose("scp-no-allow", org -> { }))).containsExactly("SCP_NO_ALLOW");
    }

    @Test
    void malformedOrContradictoryOutsideAccountsAreErrorsThatNameThePlace() {
        assertThatThrownBy(() -> diagnose("scp-no-allow", org -> org.putArray("OutsideAccounts").add(333333333333L)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("OutsideAccounts[0]").hasMessageContaining("12-digit");
        assertThatThrownBy(() -> diagnose("scp-no-allow", org -> org.putArray("OutsideAccounts").add("222222222222")))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("OutsideAccounts[0]").hasMessageContaining("also placed");
    }

    private Report.Diagnosed diagnose(String sample, Consumer<ObjectNode> edit) throws IOException {
        Path source = Path.of("events", sample);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode org = (ObjectNode) Json.readTree(Files.readString(dir.resolve("org.json")));
        edit.accept(org);
        Files.writeString(dir.resolve("org.json"), Json.compact(org));
        var snapshot = SnapshotFiles.loadDirectory(dir);
        return DiagnosisService.diagnose(((dev.assumeroledoctor.event.ParsedEvent.Applicable) dev.assumeroledoctor.event.EventParser.parse(
                Json.readTree(Files.readString(dir.resolve("event.json"))))).event(), snapshot);
    }

    private static java.util.List<String> ids(Report.Diagnosed report) {
        return report.diagnosis().causes().stream().map(c -> c.id().name()).distinct().toList();
    }

}
