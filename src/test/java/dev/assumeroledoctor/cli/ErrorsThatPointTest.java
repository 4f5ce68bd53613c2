package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors point at the place: JSON errors give the file, line and column; an unusable eventTime the
 * option, the file, the field and the value (so compare says which input is at fault); every usage
 * error exits 252 in every command, saying what is needed and where the help is.
 */
class ErrorsThatPointTest {
    private final CliRun cli = new CliRun();

    @Test
    void jsonErrorsNameTheFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("event.json");
        Files.writeString(bad, "{\n  \"detail\": {\n    \"eventName\": oops\n  }\n}");
        assertThat(cli.run("diagnose", "--event", bad.toString(), "--sample", "events/identity-no-allow")).isEqualTo(2);
        assertThat(cli.err()).startsWith("--event " + bad + ": not valid JSON at line 3, column 18");
    }

    @Test
    void anUnusableEventTimeNamesTheInputTheFieldAndTheValue(@TempDir Path dir) throws Exception {
        String good = Files.readString(Path.of("events/identity-no-allow/event.json"));
        Path bad = dir.resolve("denied.json");
        Files.writeString(bad, good.replaceFirst("\"eventTime\": *\"[^\"]+\"", "\"eventTime\": \"31/07/2024\""));
        assertThat(cli.run("compare", "--allowed", "events/identity-no-allow/event.json", "--denied", bad.toString(), "--snapshot",
                "events/identity-no-allow")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("--denied " + bad + ": the record's eventTime is not an ISO 8601 time"
                + " (like 2024-07-30T20:00:00Z) (it is \"31/07/2024\")\n");
        Path none = dir.resolve("allowed.json");
        Files.writeString(none, good.replaceFirst("\"eventTime\": *\"[^\"]+\",", ""));
        assertThat(cli.run("compare", "--allowed", none.toString(), "--denied", "events/identity-no-allow/event.json", "--snapshot",
                "events/identity-no-allow")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("--allowed " + none + ": the record has no eventTime\n");
    }

    @Test
    void everyUsageErrorExits252InEveryCommand() {
        String[][] mistakes = {
                {"diagnose", "--sample", "events/identity-no-allow", "--output", "xml"},
                {"diagnose", "--event", "events/identity-no-allow/event.json"},
                {"snapshot", "--event", "events/identity-no-allow/event.json"},
                {"check", "--snapshot", "events/identity-no-allow"},
                {"check", "--principal", "arn:aws:iam::222222222222:user/ci-user", "--role", "arn:aws:iam::111111111111:role/deploy-role"},
                {"compare", "--denied", "events/identity-no-allow/event.json"},
                {"compare", "--allowed", "a.json", "--denied", "b.json"},
                {"watch", "--history", "h.json"},
                {"watch", "--change", "c.json", "--days", "120"},
                {"nonsense"},
        };
        for (String[] args : mistakes) {
            assertThat(cli.run(args)).as(String.join(" ", args)).isEqualTo(252);
            assertThat(cli.err()).as(String.join(" ", args)).contains("--help");
        }
    }
}
