package dev.assumeroledoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diagnose --history FILE}: the diagnosis of the sample's failure gains its history — the
 * same caller's success an hour before (found in the role's account, named from the caller's copy), and the trust edit between them named as the likely
 * trigger; a change to another role is not listed.
 */
class DiagnoseHistoryCommandTest {
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    @Test
    void theLastSuccessAndTheLikelyTriggerAreShown() throws IOException {
        String sample = "events/trust-principal-not-trusted";
        ObjectNode success = (ObjectNode) Json.readTree(Files.readString(Path.of(sample, "event.json"))).get("detail").deepCopy();
        success.remove("errorCode");
        success.remove("errorMessage");
        success.put("eventTime", "2024-07-30T20:00:00Z").put("eventID", "e-success").put("sharedEventID", "5ha7ed00-1");
        // the role's account records the cross-account call by account only; the caller's copy names the caller
        ObjectNode roleCopy = success.deepCopy();
        roleCopy.set("userIdentity", Json.readTree("{\"type\":\"AWSAccount\",\"principalId\":\"AIDACI\",\"accountId\":\"222222222222\"}"));
        roleCopy.put("recipientAccountId", "111111111111").put("eventID", "e-role-copy");
        ArrayNode history = Json.mapper().createArrayNode();
        history.add(success);
        history.add(roleCopy);
        history.add(change("deploy-role", "2024-07-30T21:00:00Z", "c-trust-edit"));
        history.add(change("another-role", "2024-07-30T21:10:00Z", "c-elsewhere"));
        Path file = Files.writeString(dir.resolve("history.json"), Json.pretty(history));

        assertThat(cli.run("diagnose", "--sample", sample, "--history", file.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("Last success on this role: arn:aws:iam::222222222222:user/ci-user at 2024-07-30T20:00:00Z")
                .contains("What changed (last 7 days, newest first):")
                .contains("UpdateAssumeRolePolicy on role deploy-role by arn:aws:sts::111111111111:assumed-role/Admin/carol <- likely trigger")
                .doesNotContain("another-role");
        assertThat(cli.run("diagnose", "--sample", sample, "--history", file.toString(), "--output", "json")).isZero();
        JsonNode json = Json.readTree(cli.out());
        assertThat(json.at("/history/changes").size()).isEqualTo(1);
        assertThat(json.at("/history/lastSuccess/eventId").asText()).isEqualTo("e-success");

        assertThat(cli.run("diagnose", "--sample", sample, "--history-region", "eu-west-1")).isEqualTo(252);
        assertThat(cli.err()).contains("--history-region searches CloudTrail: it needs --live");
    }

    private static JsonNode change(String role, String time, String id) {
        return Json.readTree("""
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAADMIN:carol",
                 "arn":"arn:aws:sts::111111111111:assumed-role/Admin/carol","accountId":"111111111111"},"eventTime":"%s",
                 "eventSource":"iam.amazonaws.com","eventName":"UpdateAssumeRolePolicy","awsRegion":"us-east-1",
                 "requestParameters":{"roleName":"%s","policyDocument":"{}"},"responseElements":null,
                 "eventID":"%s","readOnly":false,"recipientAccountId":"111111111111"}""".formatted(time, role, id));
    }
}
