package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compare}: for each condition family a request difference can explain (docs/causes.md:
 * network, ExternalId, MFA, principal ARN, organization, federation claims, other; tags below),
 * a success that differs from the sample's failure in one fact is compared with it, and that fact
 * is the one deciding difference.
 */
class CompareCommandTest {
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("condition-network", "CONDITION_NETWORK", "aws:SourceIp",
                        (Consumer<ObjectNode>) r -> r.put("sourceIPAddress", "10.1.2.3")),
                Arguments.of("condition-external-id", "CONDITION_EXTERNAL_ID", "sts:ExternalId",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("requestParameters")).put("externalId", "vendor-secret-7f3a9c")),
                Arguments.of("condition-mfa", "CONDITION_MFA", "aws:MultiFactorAuthPresent",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("requestParameters")).put("serialNumber", "arn:aws:iam::222222222222:mfa/ci-user")),
                Arguments.of("condition-principal-arn", "CONDITION_PRINCIPAL_ARN", "aws:PrincipalArn", (Consumer<ObjectNode>) r -> {
                    ((ObjectNode) r.get("userIdentity")).put("arn", "arn:aws:sts::222222222222:assumed-role/pipeline-main/build-1842");
                    ((ObjectNode) r.at("/userIdentity/sessionContext/sessionIssuer")).put("arn", "arn:aws:iam::222222222222:role/pipeline-main")
                            .put("userName", "pipeline-main");
                }),
                Arguments.of("condition-federation-claims", "CONDITION_FEDERATION_CLAIMS", "token.actions.githubusercontent.com:sub",
                        (Consumer<ObjectNode>) r -> {
                            String main = "repo:acme/app:ref:refs/heads/main";
                            ((ObjectNode) r.get("userIdentity")).put("userName", main).put("principalId",
                                    "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:" + main);
                        }),
                Arguments.of("condition-principal-org", "CONDITION_PRINCIPAL_ORG", "aws:PrincipalOrgID", (Consumer<ObjectNode>) r -> {
                    // the same session name from a role of an account inside the organization
                    ObjectNode identity = (ObjectNode) r.get("userIdentity");
                    identity.put("arn", "arn:aws:sts::222222222222:assumed-role/scanner/enum").put("accountId", "222222222222");
                    ((ObjectNode) identity.at("/sessionContext/sessionIssuer")).put("arn", "arn:aws:iam::222222222222:role/scanner")
                            .put("accountId", "222222222222");
                    r.put("recipientAccountId", "222222222222");
                }),
                Arguments.of("condition-other", "CONDITION_OTHER", "aws:CurrentTime",
                        (Consumer<ObjectNode>) r -> r.put("eventTime", "2024-06-01T00:00:00Z")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("families")
    void theOneDifferingConditionIsNamed(String sample, String cause, String key, Consumer<ObjectNode> edit) throws IOException {
        Path denied = Path.of("events", sample, "event.json");
        ObjectNode allowed = (ObjectNode) Json.readTree(Files.readString(denied)).get("detail").deepCopy();
        allowed.remove(List.of("errorCode", "errorMessage"));
        edit.accept(allowed);
        Path allowedFile = Files.writeString(dir.resolve("allowed.json"), Json.pretty(allowed));
        assertThat(cli.run("compare", "--allowed", allowedFile.toString(), "--denied", denied.toString(), "--snapshot", "events/" + sample,
                "--output", "json")).as(cli.err()).isZero();
        JsonNode report = Json.readTree(cli.out());
        List<String> deciding = StreamSupport.stream(report.get("differences").spliterator(), false)
                .filter(d -> d.get("decides").asBoolean()).map(d -> d.get("what").asText()).toList();
        assertThat(deciding).as(report.get("differences").toString()).containsExactly(key);
        assertThat(StreamSupport.stream(report.at("/denied/causes").spliterator(), false).map(c -> c.get("id").asText())).contains(cause);
        assertThat(cli.out()).doesNotContain("vendor-secret-7f3a9c");
    }

    @Test
    void theExternalIdIsComparedNeverShown() throws IOException {
        ObjectNode allowed = (ObjectNode) Json.readTree(Files.readString(Path.of("events/condition-external-id/event.json"))).get("detail").deepCopy();
        allowed.remove(List.of("errorCode", "errorMessage"));
        ((ObjectNode) allowed.get("requestParameters")).put("externalId", "vendor-secret-7f3a9c");
        Path allowedFile = Files.writeString(dir.resolve("allowed.json"), Json.pretty(allowed));
        assertThat(cli.run("compare", "--allowed", allowedFile.toString(), "--denied", "events/condition-external-id/event.json",
                "--snapshot", "events/condition-external-id")).isZero();
        assertThat(cli.out()).contains("* sts:ExternalId: present (one value) (allowed) -> present (a different value) (denied)")
                .doesNotContain("vendor-secret-7f3a9c").doesNotContain("wrong-id-0000");
    }

    @Test
    void aPrincipalTagIsTheDecidingDifferenceBetweenTwoCallers() throws IOException {
        // the tags family: a second user of the same account, tagged team=platform where ci-user is team=data
        Path world = Files.createDirectories(dir.resolve("tags"));
        for (String file : List.of("iam-111111111111.json", "org.json")) {
            Files.copy(Path.of("events/condition-tags", file), world.resolve(file));
        }
        ObjectNode callers = (ObjectNode) Json.readTree(Files.readString(Path.of("events/condition-tags/iam-222222222222.json")));
        ObjectNode platform = ((ObjectNode) callers.withArray("UserDetailList").get(0)).deepCopy();
        platform.put("UserName", "platform-user").put("UserId", "AIDAPLATFORMUSER0001").put("Arn", "arn:aws:iam::222222222222:user/platform-user");
        platform.putArray("Tags").addObject().put("Key", "team").put("Value", "platform");
        callers.withArray("UserDetailList").add(platform);
        Files.writeString(world.resolve("iam-222222222222.json"), Json.pretty(callers));
        ObjectNode allowed = (ObjectNode) Json.readTree(Files.readString(Path.of("events/condition-tags/event.json"))).get("detail").deepCopy();
        allowed.remove(List.of("errorCode", "errorMessage"));
        ((ObjectNode) allowed.get("userIdentity")).put("arn", "arn:aws:iam::222222222222:user/platform-user").put("userName", "platform-user")
                .put("principalId", "AIDAPLATFORMUSER0001");
        Path allowedFile = Files.writeString(dir.resolve("allowed.json"), Json.pretty(allowed));

        assertThat(cli.run("compare", "--allowed", allowedFile.toString(), "--denied", "events/condition-tags/event.json", "--snapshot",
                world.toString(), "--output", "json")).as(cli.err()).isZero();
        JsonNode report = Json.readTree(cli.out());
        List<String> deciding = StreamSupport.stream(report.get("differences").spliterator(), false)
                .filter(d -> d.get("decides").asBoolean()).map(d -> d.get("what").asText()).toList();
        assertThat(deciding).as(report.get("differences").toString()).containsExactly("aws:PrincipalTag/team");
        assertThat(report.at("/denied/causes/0/id").asText()).isEqualTo("CONDITION_TAGS");
    }

    @Test
    void aFailureGivenAsTheSuccessIsBadInput() {
        assertThat(cli.run("compare", "--allowed", "events/condition-network/event.json", "--denied", "events/condition-network/event.json",
                "--snapshot", "events/condition-network")).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).contains("--allowed must be a call that succeeded");
    }
}
