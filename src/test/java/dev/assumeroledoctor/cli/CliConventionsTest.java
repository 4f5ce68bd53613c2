package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line behaves like AWS's own: help everywhere, a version, --output, one-line errors, documented exit codes. */
class CliConventionsTest {
    private static final String SAMPLE = "events/identity-no-allow";
    private final CliRun cli = new CliRun();

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void helpAndVersionAnswerEverywhereWithExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            assertThat(cli.run(args)).isZero();
            assertThat(cli.out()).contains("Usage: assume-role-doctor").contains("diagnose").contains("snapshot").contains("Exit codes: 0");
        }
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out()).startsWith("assume-role-doctor ");
        for (String[] args : new String[][] {{"diagnose", "--help"}, {"help", "diagnose"}, {"diagnose", "-h"}}) {
            assertThat(cli.run(args)).isZero();
            assertThat(cli.out()).contains("Usage: assume-role-doctor diagnose").contains("--output").contains("--profile")
                    .contains("--endpoint-url").contains("--debug");
        }
        assertThat(cli.run("snapshot", "--help")).isZero();
        assertThat(cli.out()).contains("--out=DIR");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void outputJsonAndItsFormatAliasGiveTheSameReport() {
        assertThat(cli.run("diagnose", "--sample", SAMPLE, "--output", "json")).isZero();
        String json = cli.out();
        assertThat(Json.readTree(json).path("verdict").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(cli.run("diagnose", "--sample", SAMPLE, "--format", "json")).isZero();
        assertThat(cli.out()).isEqualTo(json);
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(cli.run("diagnoze")).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("diagnoze").contains("--help");
        assertThat(cli.run("diagnose", "--sample", SAMPLE, "--colour")).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("--colour");
    }

    @Test
    void diagnoseWithoutSnapshotInputsSaysWhatItNeeds() {
        assertThat(cli.run("diagnose", "--event", SAMPLE + "/event.json")).isEqualTo(Main.USAGE);
        assertThat(cli.err()).contains("--iam FILE per account").contains("get-account-authorization-details").contains("--live");
    }

    @Test
    void withoutCredentialsItIsOneLineAndExit253() {
        assertThat(cli.run("diagnose", "--event", SAMPLE + "/event.json", "--live", "--profile", "assume-role-doctor-no-such-profile",
                "--region", "eu-west-1")).isEqualTo(Main.CONFIGURATION);
        assertThat(cli.err()).startsWith("no usable AWS credentials or region").doesNotContain("\tat ");
        assertThat(cli.err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExit254AndDebugShowsTheTrace() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        String[] args = {"diagnose", "--event", SAMPLE + "/event.json", "--live", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9"};
        assertThat(cli.run(args)).isEqualTo(Main.AWS_FAILED);
        assertThat(cli.err()).startsWith("AWS could not be read").doesNotContain("\tat ");
        assertThat(cli.err().lines().count()).isEqualTo(1);
        String[] debug = java.util.Arrays.copyOf(args, args.length + 1);
        debug[args.length] = "--debug";
        assertThat(cli.run(debug)).isEqualTo(Main.AWS_FAILED);
        assertThat(cli.err()).contains("\tat ");
    }
}
