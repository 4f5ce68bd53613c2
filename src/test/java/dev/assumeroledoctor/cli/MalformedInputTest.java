package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Snapshot and organization files that break the formats of {@code snapshot.md} fail loudly: exit 2
 * and a message naming the file and the place inside it, never a verdict. Incomplete data that the
 * formats allow is reported as INSUFFICIENT_DATA, never as a confident cause.
 */
class MalformedInputTest {
    private static final String SAMPLE = "events/identity-no-allow/";
    private static final String ROLE_FILE = SAMPLE + "iam-111111111111.json";
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    static Stream<Arguments> brokenIamFiles() {
        return Stream.of(
                Arguments.of("an empty object", "{}", "UserDetailList is missing"),
                Arguments.of("get-role output", "{\"Role\":{\"RoleName\":\"deploy-role\",\"Arn\":\"arn:aws:iam::111111111111:role/deploy-role\"}}",
                        "is missing: the file must be what aws iam get-account-authorization-details"),
                Arguments.of("two documents one after the other", read(ROLE_FILE) + "\n" + read(ROLE_FILE), "not valid JSON"),
                Arguments.of("a list of the wrong type", edit(ROLE_FILE, iam -> ((ObjectNode) iam.at("/RoleDetailList/0"))
                        .put("AttachedManagedPolicies", "arn:aws:iam::aws:policy/ReadOnlyAccess")), "RoleDetailList[0].AttachedManagedPolicies: must be an array"),
                Arguments.of("a boundary of the wrong type", edit(ROLE_FILE, iam -> ((ObjectNode) iam.at("/RoleDetailList/0"))
                        .putArray("PermissionsBoundary")), "RoleDetailList[0].PermissionsBoundary: must be an object"),
                Arguments.of("an invalid trust policy", edit(ROLE_FILE, iam -> ((ObjectNode) iam.at("/RoleDetailList/0/AssumeRolePolicyDocument"))
                        .put("Statement", "everyone")), "RoleDetailList[0].AssumeRolePolicyDocument"),
                Arguments.of("a policy larger than IAM allows", edit(ROLE_FILE, iam -> {
                    var statements = ((ObjectNode) iam.at("/RoleDetailList/0/AssumeRolePolicyDocument")).putArray("Statement");
                    for (int i = 0; i < 10_000; i++) {
                        statements.addObject().put("Effect", "Allow").put("Action", "sts:AssumeRole").putObject("Principal").put("AWS", "*");
                    }
                }), "larger than IAM allows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenIamFiles")
    void aBrokenIamFileIsExitTwoNamingFileAndPlace(String what, String content, String message) throws Exception {
        Path file = dir.resolve("iam-111111111111.json");
        Files.writeString(file, content);
        assertThat(cli.run("diagnose", "--event", SAMPLE + "event.json", "--iam", file.toString(), "--iam", SAMPLE + "iam-222222222222.json"))
                .as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).startsWith(file.toString()).contains(message);
        assertThat(cli.out()).isEmpty();
    }

    static Stream<Arguments> brokenOrganizationFiles() {
        String org = SAMPLE + "org.json";
        return Stream.of(
                Arguments.of("an account without its parent chain", edit(org, o -> ((ObjectNode) o.at("/Accounts/222222222222")).remove("Path")),
                        "Accounts.222222222222.Path: the account's parent chain is required"),
                Arguments.of("Accounts of the wrong type", edit(org, o -> ((ObjectNode) o).putArray("Accounts")), "Accounts is required"),
                Arguments.of("a target that is no root, OU or account", edit(org, o -> ((ObjectNode) o.get("Targets")).putArray("ou-typo")
                        .add("p-FullAWSAccess")), "Targets.ou-typo is no root, OU or account id"),
                Arguments.of("a target naming an unknown policy", edit(org, o -> ((com.fasterxml.jackson.databind.node.ArrayNode) o.at("/Targets/r-ab12"))
                        .add("p-missing")), "names policy p-missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenOrganizationFiles")
    void aBrokenOrganizationFileIsExitTwoNamingFileAndPlace(String what, String content, String message) throws Exception {
        Path file = dir.resolve("org.json");
        Files.writeString(file, content);
        assertThat(cli.run("diagnose", "--event", SAMPLE + "event.json", "--iam", ROLE_FILE, "--iam", SAMPLE + "iam-222222222222.json",
                "--org", file.toString())).as(cli.err()).isEqualTo(2);
        assertThat(cli.err()).startsWith(file.toString()).contains(message);
    }

    @Test
    void aTruncatedPageWithoutTheRoleIsNotInTheSnapshotNeverRoleNotFound() throws Exception {
        Path file = dir.resolve("iam-111111111111.json");
        Files.writeString(file, edit(ROLE_FILE, iam -> {
            ((ObjectNode) iam).putArray("RoleDetailList");
            ((ObjectNode) iam).put("IsTruncated", true).put("Marker", "AAAA");
        }));
        assertThat(cli.run("diagnose", "--event", SAMPLE + "event.json", "--iam", file.toString(), "--iam", SAMPLE + "iam-222222222222.json",
                "--format", "json")).isZero();
        JsonNode report = Json.readTree(cli.out());
        assertThat(report.path("causes").findValuesAsText("id")).contains("INSUFFICIENT_DATA").doesNotContain("ROLE_NOT_FOUND");
        assertThat(report.toString()).contains("truncated listing");
    }

    @Test
    void aRoleWhoseAccountHasNoFileIsNotInTheSnapshot() {
        assertThat(cli.run("diagnose", "--event", SAMPLE + "event.json", "--iam", SAMPLE + "iam-222222222222.json", "--format", "json")).isZero();
        JsonNode report = Json.readTree(cli.out());
        assertThat(report.path("causes").findValuesAsText("id")).containsExactly("INSUFFICIENT_DATA");
        assertThat(report.path("verdict").asText()).isNotEqualTo("ALLOWED");
    }

    @Test
    void anAccountTheOrganizationFileDoesNotPlaceMakesItsScpsUnknownNotAbsent() throws Exception {
        String sample = "events/scp-explicit-deny/";
        Path org = dir.resolve("org.json");
        Files.writeString(org, edit(sample + "org.json", o -> {
            ((ObjectNode) o.get("Accounts")).remove("222222222222");
            ((ObjectNode) o.get("Targets")).remove("222222222222");
        }));
        assertThat(cli.run("diagnose", "--event", sample + "event.json", "--iam", sample + "iam-111111111111.json", "--iam",
                sample + "iam-222222222222.json", "--org", org.toString(), "--format", "json")).isZero();
        JsonNode report = Json.readTree(cli.out());
        assertThat(report.path("verdict").asText()).isNotEqualTo("ALLOWED");
        assertThat(report.path("causes").findValuesAsText("id")).contains("INSUFFICIENT_DATA").doesNotContain("SCP_NO_ALLOW", "NOT_REPRODUCED");
        assertThat(report.toString()).contains("does not list it under Accounts");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String edit(String file, Consumer<JsonNode> change) {
        JsonNode json = Json.readTree(read(file));
        change.accept(json);
        return Json.pretty(json);
    }
}
