package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}: the pre-flight gate. Exit 0 when every path is as expected, 1 when one is not, 2 on
 * bad input; plan mode gives the answer that applying the documents and re-running gives.
 */
class CheckCommandTest {
    private static final String CI_RUNNER = "arn:aws:iam::222222222222:role/ci/ci-runner";
    private static final String CI_USER = "arn:aws:iam::222222222222:user/ci-user";
    private static final String DEPLOY = "arn:aws:iam::111111111111:role/deploy-role";
    private static final String SECRET = "vendor-secret-7f3a9c";
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    @Test
    void externalIdPresenceDecidesTheTrustConditionAndTheSecretNeverShows() {
        String[] base = {"check", "--principal", CI_RUNNER, "--role", DEPLOY, "--snapshot", "events/condition-external-id"};
        for (String output : new String[] {"text", "json", "markdown"}) {
            assertThat(cli.run(concat(base, "--output", output))).as(output).isEqualTo(1);
            assertThat(cli.out()).contains("CONDITION_EXTERNAL_ID").doesNotContain(SECRET);
            assertThat(cli.run(concat(base, "--output", output, "--external-id-present"))).as(output).isEqualTo(0);
            assertThat(cli.out()).doesNotContain(SECRET);
        }
    }

    @Test
    void aSessionArnIsTheRoleWithItsPathAndAnExpectedDenyPasses() {
        // the session ARN drops the role's path (/ci/): it is found in the snapshot, so the role's policies apply
        assertThat(cli.run("check", "--principal", "arn:aws:sts::222222222222:assumed-role/ci-runner/build-7", "--role", DEPLOY,
                "--snapshot", "events/condition-external-id", "--external-id-present")).isEqualTo(0);
        assertThat(cli.run("check", "--principal", CI_RUNNER, "--role", DEPLOY, "--snapshot", "events/condition-external-id",
                "--expect", "deny")).isEqualTo(0);
        assertThat(cli.out()).startsWith("PASS").contains("expected deny, deny: CONDITION_EXTERNAL_ID");
    }

    @Test
    void mfaOnALongTermUserIsPassedWithTheCall() {
        String[] base = {"check", "--principal", CI_USER, "--role", DEPLOY, "--snapshot", "events/condition-mfa"};
        assertThat(cli.run(base)).isEqualTo(1);
        assertThat(cli.out()).contains("CONDITION_MFA");
        assertThat(cli.run(concat(base, "--mfa"))).isEqualTo(0);
    }

    @Test
    void webIdentityClaimsComeFromTheContext() {
        String[] base = {"check", "--principal", "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
            "--role", "arn:aws:iam::111111111111:role/github-deploy", "--action", "sts:AssumeRoleWithWebIdentity",
            "--context", "token.actions.githubusercontent.com:aud=sts.amazonaws.com", "--snapshot", "events/condition-federation-claims"};
        assertThat(cli.run(concat(base, "--context", "token.actions.githubusercontent.com:sub=repo:acme/app:ref:refs/heads/main"))).isEqualTo(0);
        assertThat(cli.run(concat(base, "--context", "token.actions.githubusercontent.com:sub=repo:acme/app:ref:refs/heads/feature-x"))).isEqualTo(1);
        assertThat(cli.out()).contains("CONDITION_FEDERATION_CLAIMS");
    }

    @Test
    void scpRegionLockAndAPlanThatAgreesWithApplyingIt() throws IOException {
        String[] base = {"check", "--principal", CI_USER, "--role", DEPLOY, "--mfa"};
        String[] files = {"--iam", "events/scp-explicit-deny/iam-111111111111.json", "--iam", "events/scp-explicit-deny/iam-222222222222.json"};
        assertThat(cli.run(concat(concat(base, files), "--org", "events/scp-explicit-deny/org.json"))).isEqualTo(1);
        assertThat(cli.out()).contains("SCP_EXPLICIT_DENY").contains("p-regionlock");
        assertThat(cli.run(concat(concat(base, files), "--org", "events/scp-explicit-deny/org.json", "--context", "aws:RequestedRegion=eu-west-1")))
                .isEqualTo(0);

        // the proposed SCP lets us-east-1 through: plan mode and the applied org file agree
        JsonNode org = Json.readTree(Files.readString(Path.of("events/scp-explicit-deny/org.json")));
        ObjectNode regionLock = (ObjectNode) Stream.of(org.get("Policies")).flatMap(p -> java.util.stream.StreamSupport.stream(p.spliterator(), false))
                .filter(p -> p.get("Id").asText().equals("p-regionlock")).findFirst().orElseThrow().get("Content");
        ((ArrayNode) regionLock.at("/Statement/0/Condition/StringNotEquals/aws:RequestedRegion")).add("us-east-1");
        Path proposed = Files.writeString(dir.resolve("scp.json"), Json.pretty(regionLock));
        Path applied = Files.writeString(dir.resolve("org.json"), Json.pretty(org));
        assertThat(cli.run(concat(concat(base, files), "--org", "events/scp-explicit-deny/org.json", "--with-scp", "p-regionlock=" + proposed,
                "--output", "json"))).isEqualTo(0);
        JsonNode planned = Json.readTree(cli.out());
        assertThat(planned.at("/plan/0").asText()).isEqualTo("p-regionlock");
        assertThat(cli.run(concat(concat(base, files), "--org", applied.toString(), "--output", "json"))).isEqualTo(0);
        JsonNode reRun = Json.readTree(cli.out());
        assertThat(planned.at("/paths/0/outcome")).isEqualTo(reRun.at("/paths/0/outcome"));
        assertThat(planned.at("/paths/0/report/verdict")).isEqualTo(reRun.at("/paths/0/report/verdict"));
    }

    @Test
    void aTrustEditThatDropsTheCallerIsCaughtBeforeItLands() throws IOException {
        ObjectNode trust = (ObjectNode) Json.readTree("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"VendorAccess\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::333333333333:root\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"" + SECRET + "\"}}}]}");
        Path proposed = Files.writeString(dir.resolve("trust.json"), Json.pretty(trust));
        assertThat(cli.run("check", "--principal", CI_RUNNER, "--role", DEPLOY, "--snapshot", "events/condition-external-id",
                "--external-id-present", "--with-trust", DEPLOY + "=" + proposed)).isEqualTo(1);
        assertThat(cli.out()).contains("Plan: evaluated with the proposed documents of " + DEPLOY).contains("TRUST_PRINCIPAL_NOT_TRUSTED")
                .doesNotContain(SECRET);
    }

    @Test
    void aPathsFileGatesEveryPathAndRendersAMarkdownTable() throws IOException {
        Path paths = Files.writeString(dir.resolve("paths.json"), "[" 
                + "{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY + "\",\"externalIdPresent\":true},"
                + "{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY + "\",\"expect\":\"deny\"},"
                + "{\"principal\":\"arn:aws:iam::222222222222:user/a|b\",\"role\":\"" + DEPLOY + "\",\"externalIdPresent\":true}]");
        assertThat(cli.run("check", "--paths", paths.toString(), "--snapshot", "events/condition-external-id", "--output", "markdown")).isEqualTo(1);
        String md = cli.out();
        assertThat(md).contains("| | Principal | Role | Action | Expected | Outcome | Why |").contains("2 of 3 path(s) as expected.")
                .contains("user/a\\|b").contains("<details><summary>").contains("</summary>\n\n```\n");
        assertThat(md.lines().filter(l -> l.startsWith("| ✅")).count()).isEqualTo(2);
        assertThat(md.lines().filter(l -> l.startsWith("| ❌")).count()).isEqualTo(1);
    }

    @Test
    void aYamlPathsFileIsReadAsTheJsonOneIs() throws IOException {
        Path paths = Files.writeString(dir.resolve("paths.yaml"), """
                # the paths the deploy pipeline relies on
                paths:
                  - principal: %s
                    role: %s
                    externalIdPresent: true
                  - principal: %s
                    role: %s
                    expect: deny
                """.formatted(CI_RUNNER, DEPLOY, CI_RUNNER, DEPLOY));
        assertThat(cli.run("check", "--paths", paths.toString(), "--snapshot", "events/condition-external-id")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("2 of 2 path(s) as expected.");
        // a key given twice is refused, not resolved in favour of the last one
        Path twice = Files.writeString(dir.resolve("twice.yml"), "- principal: %s\n  role: %s\n  expect: deny\n  expect: allow\n"
                .formatted(CI_RUNNER, DEPLOY));
        assertThat(cli.run("check", "--paths", twice.toString(), "--snapshot", "events/condition-external-id")).isEqualTo(2);
        assertThat(cli.err()).contains("twice.yml: not valid YAML").contains("Duplicate field 'expect'");
        Path notBool = Files.writeString(dir.resolve("mfa.yaml"), "- principal: %s\n  role: %s\n  mfa: sometimes\n".formatted(CI_RUNNER, DEPLOY));
        assertThat(cli.run("check", "--paths", notBool.toString(), "--snapshot", "events/condition-external-id")).isEqualTo(2);
        assertThat(cli.err()).contains("paths[0]: \"mfa\" is true or false");
    }

    @Test
    void badInputIsExitTwoWithTheReason() throws IOException {
        String[] single = {"check", "--principal", CI_RUNNER, "--role", DEPLOY, "--snapshot", "events/condition-external-id"};
        assertThat(cli.run(concat(single, "--context", "aws:PrincipalOrgID=o-123"))).isEqualTo(2);
        assertThat(cli.err()).contains("is not one a request carries");
        assertThat(cli.run("check", "--principal", "alice", "--role", DEPLOY, "--snapshot", "events/condition-external-id")).isEqualTo(2);
        assertThat(cli.err()).contains("principal must be");
        // a missing source is the command line's mistake: 252, as in every command
        assertThat(cli.run("check", "--principal", CI_RUNNER, "--role", DEPLOY)).isEqualTo(252);
        assertThat(cli.err()).contains("check reads one source");
        assertThat(cli.run(concat(single, "--with-trust", "arn:aws:iam::111111111111:role/nope=" + dir.resolve("x.json")))).isEqualTo(2);
        Path misspelt = Files.writeString(dir.resolve("paths.json"), "[{\"principal\":\"" + CI_RUNNER + "\",\"role\":\"" + DEPLOY + "\",\"expects\":\"deny\"}]");
        assertThat(cli.run("check", "--paths", misspelt.toString(), "--snapshot", "events/condition-external-id")).isEqualTo(2);
        assertThat(cli.err()).contains("paths[0]: unknown field \"expects\"");
        assertThat(cli.run(concat(single, "--expect", "maybe"))).isEqualTo(2);
        assertThat(cli.run(concat(single, "--output", "yaml"))).isEqualTo(252);
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
