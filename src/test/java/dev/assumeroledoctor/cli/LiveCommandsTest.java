package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assumeroledoctor.inspect.InspectorConfig;
import dev.assumeroledoctor.inspect.LiveInspector;
import dev.assumeroledoctor.inspect.MotoServer;
import dev.assumeroledoctor.inspect.MotoWorld;
import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;

/** {@code diagnose --live} and {@code snapshot --live --out}, against moto. */
class LiveCommandsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @Test
    void diagnoseLiveThenSnapshotThenDiagnoseTheSnapshotOffline(@TempDir Path dir) throws Exception {
        MOTO.reset();
        MotoWorld.Loaded loaded = MotoWorld.load(MOTO.endpoint(), new dev.assumeroledoctor.diagnosis.Samples(Path.of("events/identity-no-allow")));
        Path event = dir.resolve("event.json");
        Files.writeString(event, Json.compact(loaded.event()));
        Function<Options, LiveInspector> live = options -> {
            assertThat(options.inspectorRole()).contains("Inspector");
            return new LiveInspector(new InspectorConfig(Region.US_EAST_1, MotoServer.CREDENTIALS, options.inspectorRole(), options.orgRole(),
                    Map.of("*", MOTO.endpoint()), Duration.ofMinutes(5), Duration.ofSeconds(10), 4, List.of()));
        };
        String orgRole = "arn:aws:iam::999999999999:role/OrgReader";

        Result diagnosed = run(live, "diagnose", "--event", event.toString(), "--live", "--inspector-role", "Inspector", "--org-role", orgRole);
        assertThat(diagnosed.code).isZero();
        assertThat(diagnosed.out).contains("[IDENTITY_NO_ALLOW]").contains("aws iam put-user-policy");

        Path snapshot = dir.resolve("snapshot");
        Result written = run(live, "snapshot", "--event", event.toString(), "--live", "--inspector-role", "Inspector", "--org-role", orgRole,
                "--out", snapshot.toString());
        assertThat(written.code).isZero();
        assertThat(written.out).startsWith("wrote 2 account file(s) and org.json");

        String[] offline;
        try (var files = Files.list(snapshot)) {
            List<String> args = new java.util.ArrayList<>(List.of("diagnose", "--event", event.toString()));
            files.filter(f -> f.getFileName().toString().startsWith("iam-")).sorted().forEach(f -> args.addAll(List.of("--iam", f.toString())));
            args.addAll(List.of("--org", snapshot.resolve("org.json").toString()));
            offline = args.toArray(String[]::new);
        }
        Result reproduced = run(live, offline);
        assertThat(reproduced.code).isZero();
        // the IaC section is read live from CloudFormation (here: no stack defines the user); the snapshot holds IAM and Organizations
        assertThat(diagnosed.out).contains("    IaC: no CloudFormation stack defines it\n      note: no CloudFormation stack in us-east-1 defines ci-user\n");
        assertThat(reproduced.out).isEqualTo(diagnosed.out.replaceAll("(?m)^    IaC: .*\n(^      .*\n)*", ""));

        // check --live reads the same accounts and decides as the snapshot it wrote does
        String[] path = {"check", "--principal", loaded.world().rewrite("arn:aws:iam::222222222222:user/ci-user"),
            "--role", loaded.world().rewrite("arn:aws:iam::111111111111:role/deploy-role"), "--output", "json"};
        Result liveCheck = run(live, concat(path, "--live", "--inspector-role", "Inspector", "--org-role", orgRole));
        Result offlineCheck = run(live, concat(path, "--snapshot", snapshot.toString()));
        assertThat(liveCheck.code).as(liveCheck.err).isEqualTo(CheckCommand.MISMATCH);
        assertThat(offlineCheck.code).isEqualTo(CheckCommand.MISMATCH);
        var livePath = Json.readTree(liveCheck.out).at("/paths/0");
        assertThat(livePath.get("outcome").asText()).as(livePath.toString()).isEqualTo("deny");
        assertThat(livePath.get("why").asText()).isEqualTo("IDENTITY_NO_ALLOW");
        assertThat(Json.readTree(offlineCheck.out).at("/paths/0/why")).isEqualTo(livePath.get("why"));
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(a), java.util.stream.Stream.of(b)).toArray(String[]::new);
    }

    @Test
    void snapshotNeedsLiveAndOut() {
        Result result = run(o -> {
            throw new AssertionError("no inspector for bad arguments");
        }, "snapshot", "--event", "e.json", "--live");
        assertThat(result.code).isEqualTo(Main.USAGE);
        assertThat(result.err).contains("snapshot needs --live and --out DIR");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Function<Options, LiveInspector> live, String... args) {
        CliRun cli = new CliRun();
        int code = cli.run(live, args);
        return new Result(code, cli.out(), cli.err());
    }
}
