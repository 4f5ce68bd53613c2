package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline CLI: exit 0 with a report whatever the verdict, 2 with a clear message for bad input. */
class MainTest {
    private static final String DIR = "events/identity-no-allow/";
    private final CliRun cli = new CliRun();

    @Test
    void textReportByDefault() {
        int code = cli.run("diagnose", "--event", DIR + "event.json", "--iam", DIR + "iam-111111111111.json",
                "--iam", DIR + "iam-222222222222.json", "--org", DIR + "org.json");
        assertThat(code).isZero();
        assertThat(cli.out()).startsWith("DENIED (no policy allows it)").contains("[IDENTITY_NO_ALLOW]").contains("aws iam put-user-policy");
    }

    @Test
    void jsonReport() {
        int code = cli.run("diagnose", "--event", DIR + "event.json", "--iam", DIR + "iam-111111111111.json",
                "--iam", DIR + "iam-222222222222.json", "--format", "json");
        assertThat(code).isZero();
        assertThat(Json.readTree(cli.out()).path("causes").get(0).path("id").asText()).isEqualTo("IDENTITY_NO_ALLOW");
    }

    @Test
    void aSampleDirectoryBringsItsOwnSnapshot() {
        assertThat(cli.run("diagnose", "--sample", "events/scp-explicit-deny")).isZero();
        assertThat(cli.out()).startsWith("DENIED (an explicit Deny)").contains("[SCP_EXPLICIT_DENY]").contains("aws organizations update-policy");
    }

    @Test
    void notApplicableEventsStillExitZero(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("e.json");
        Files.writeString(event, "{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\"}");
        assertThat(cli.run("diagnose", "--event", event.toString(), "--iam", DIR + "iam-111111111111.json")).isZero();
        assertThat(cli.out()).isEqualTo("Not applicable: GetObject from s3.amazonaws.com is not an STS call\n");
    }

    @Test
    void unreadableInputIsExitTwoWithAMessage(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");
        assertThat(cli.run("diagnose", "--event", missing.toString(), "--iam", DIR + "iam-111111111111.json")).isEqualTo(2);
        // one line, the path once, and why
        assertThat(cli.err()).isEqualTo("--event " + missing + ": cannot be read (no such file)\n");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertThat(cli.run("diagnose", "--event", bad.toString(), "--iam", DIR + "iam-111111111111.json")).isEqualTo(2);
        // the option, the file, and where in it
        assertThat(cli.err()).startsWith("--event " + bad + ": not valid JSON at line 1, column 2");
        Path badIam = dir.resolve("iam.json");
        Files.writeString(badIam, "{\"UserDetailList\":[],\"GroupDetailList\":[],\"Policies\":[],\"RoleDetailList\":[{\"Arn\":\"arn:aws:iam::111111111111:role/x\",\"RoleName\":\"x\","
                + "\"AssumeRolePolicyDocument\":{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\"}}}]}");
        assertThat(cli.run("diagnose", "--event", DIR + "event.json", "--iam", badIam.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("RoleDetailList[0].AssumeRolePolicyDocument: Statement.Effect: must be \"Allow\" or \"Deny\"");
    }

    @Test
    void badArgumentsAreUsageErrorsThatPointToTheHelp() {
        assertThat(cli.run("diagnose", "--format", "yaml", "--event", "x", "--iam", "y")).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("--output takes text or json, not yaml").contains("Try 'assume-role-doctor diagnose --help'.");
        assertThat(cli.run()).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("no command given");
        assertThat(cli.run("diagnose")).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("--event is required");
    }
}
