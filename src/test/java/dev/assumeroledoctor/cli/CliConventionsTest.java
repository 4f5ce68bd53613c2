package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line behaves like AWS's own: help everywhere, a version, --output, one-line errors, documented exit codes. */
class CliConventionsTest {
    private static final String SAMPLE = "events/identity-no-allow";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void helpAndVersionAnswerEverywhereWithExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"help"}}) {
            assertThat(run(args)).isZero();
            assertThat(out()).contains("Usage: assume-role-doctor").contains("diagnose").contains("snapshot").contains("Exit codes: 0");
        }
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("assume-role-doctor ");
        for (String[] args : new String[][] {{"diagnose", "--help"}, {"help", "diagnose"}, {"diagnose", "-h"}}) {
            assertThat(run(args)).isZero();
            assertThat(out()).contains("Usage: assume-role-doctor diagnose").contains("--output").contains("--profile")
                    .contains("--endpoint-url").contains("--debug");
        }
        assertThat(run("snapshot", "--help")).isZero();
        assertThat(out()).contains("--out=DIR");
        assertThat(err()).isEmpty();
    }

    @Test
    void outputJsonAndItsFormatAliasGiveTheSameReport() {
        assertThat(run("diagnose", "--sample", SAMPLE, "--output", "json")).isZero();
        String json = out();
        assertThat(Json.readTree(json).path("verdict").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(run("diagnose", "--sample", SAMPLE, "--format", "json")).isZero();
        assertThat(out()).isEqualTo(json);
    }

    @Test
    void anUnknownCommandOrOptionIsAUsageError() {
        assertThat(run("diagnoze")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("diagnoze").contains("--help");
        assertThat(run("diagnose", "--sample", SAMPLE, "--colour")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--colour");
    }

    @Test
    void diagnoseWithoutSnapshotInputsSaysWhatItNeeds() {
        assertThat(run("diagnose", "--event", SAMPLE + "/event.json")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--iam FILE per account").contains("get-account-authorization-details").contains("--live");
    }

    @Test
    void withoutCredentialsItIsOneLineAndExit253() {
        assertThat(run("diagnose", "--event", SAMPLE + "/event.json", "--live", "--profile", "assume-role-doctor-no-such-profile",
                "--region", "eu-west-1")).isEqualTo(Main.CONFIGURATION);
        assertThat(err()).startsWith("no usable AWS credentials or region").doesNotContain("\tat ");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExit254AndDebugShowsTheTrace() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        String[] args = {"diagnose", "--event", SAMPLE + "/event.json", "--live", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:9"};
        assertThat(run(args)).isEqualTo(Main.AWS_FAILED);
        assertThat(err()).startsWith("AWS could not be read").doesNotContain("\tat ");
        assertThat(err().lines().count()).isEqualTo(1);
        String[] debug = java.util.Arrays.copyOf(args, args.length + 1);
        debug[args.length] = "--debug";
        assertThat(run(debug)).isEqualTo(Main.AWS_FAILED);
        assertThat(err()).contains("\tat ");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
