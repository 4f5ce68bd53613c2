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
 * {@code watch} offline: a trust edit's CloudTrail record, a history file holding ci-user's
 * recent success as both accounts record a cross-account call, and the state after the edit
 * (a sample's snapshot). The edit that drops ci-user is named with its cause and exits 1; one
 * that leaves the path open exits 0.
 */
class WatchCommandTest {
    private final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    @Test
    void aTrustEditThatDropsTheCallerBreaksItsPath() throws IOException {
        Path change = change();
        int code = cli.run("watch", "--change", change.toString(), "--history", history("events/trust-principal-not-trusted").toString(),
                "--snapshot", "events/trust-principal-not-trusted");
        assertThat(code).as(cli.err()).isEqualTo(1);
        assertThat(cli.out()).startsWith("A policy change breaks 1 of 1 AssumeRole path(s)")
                .contains("Made by: arn:aws:sts::111111111111:assumed-role/Admin/carol")
                .contains("Broken: arn:aws:iam::222222222222:user/ci-user -> arn:aws:iam::111111111111:role/deploy-role (sts:AssumeRole, last worked 2024-07-30T20:00:00Z)")
                .contains("TRUST_PRINCIPAL_NOT_TRUSTED");
        assertThat(cli.run("watch", "--change", change.toString(), "--history", history("events/trust-principal-not-trusted").toString(),
                "--snapshot", "events/trust-principal-not-trusted", "--output", "json")).isEqualTo(1);
        JsonNode json = Json.readTree(cli.out());
        assertThat(json.at("/broken/0/report/causes/0/id").asText()).isEqualTo("TRUST_PRINCIPAL_NOT_TRUSTED");
        assertThat(json.at("/change/eventName").asText()).isEqualTo("UpdateAssumeRolePolicy");
    }

    @Test
    void theReadmeExampleRunsAsShown() {
        // README "When a policy change breaks callers": the files in events/
        assertThat(cli.run("watch", "--change", "events/watch-trust-edit.json", "--history", "events/watch-history.json", "--snapshot",
                "events/trust-principal-not-trusted")).isEqualTo(1);
        assertThat(cli.out()).contains("Broken: arn:aws:iam::222222222222:user/ci-user -> arn:aws:iam::111111111111:role/deploy-role")
                .contains("fix (verified)");
        assertThat(cli.run("diagnose", "--sample", "events/trust-principal-not-trusted", "--history", "events/watch-history.json")).isZero();
        assertThat(cli.out()).contains("Last success on this role: arn:aws:iam::222222222222:user/ci-user at 2024-07-30T20:00:00Z")
                .contains("UpdateAssumeRolePolicy on role deploy-role by arn:aws:sts::111111111111:assumed-role/Admin/carol <- likely trigger");
    }

    @Test
    void anEditThatLeavesThePathOpenExitsZero() throws IOException {
        assertThat(cli.run("watch", "--change", change().toString(), "--history", history("events/not-reproduced").toString(),
                "--snapshot", "events/not-reproduced")).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("A policy change breaks 0 of 1 AssumeRole path(s)");
    }

    @Test
    void badInputIsAOneLineErrorAndExitTwo() throws IOException {
        Path read = Files.writeString(dir.resolve("read.json"), Json.compact(((ObjectNode) Json.readTree(Files.readString(change())))
                .put("eventName", "GetRole")));
        assertThat(cli.run("watch", "--change", read.toString(), "--history", history("events/not-reproduced").toString(),
                "--snapshot", "events/not-reproduced")).isEqualTo(2);
        assertThat(cli.err()).contains("is not a successful policy change the watch follows").doesNotContain("\tat ");
        assertThat(cli.run("watch", "--change", change().toString(), "--snapshot", "events/not-reproduced")).isEqualTo(252);
        assertThat(cli.err()).contains("watch reads --history FILE");
        Path broken = Files.writeString(dir.resolve("history.json"), "{\"Events\": 3}");
        assertThat(cli.run("watch", "--change", change().toString(), "--history", broken.toString(), "--snapshot", "events/not-reproduced"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("history.json");
    }

    private Path change() throws IOException {
        return Files.writeString(dir.resolve("change.json"), """
                {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAADMIN:carol",
                 "arn":"arn:aws:sts::111111111111:assumed-role/Admin/carol","accountId":"111111111111"},"eventTime":"2024-07-30T21:00:00Z",
                 "eventSource":"iam.amazonaws.com","eventName":"UpdateAssumeRolePolicy","awsRegion":"us-east-1",
                 "requestParameters":{"roleName":"deploy-role","policyDocument":"{}"},"responseElements":null,
                 "eventID":"c4a17e00-0000-4000-8000-000000000001","readOnly":false,"recipientAccountId":"111111111111"}""");
    }

    /* The sample's call an hour before the change, successful, as the caller's account and the role's account record it. */
    private Path history(String sample) throws IOException {
        ObjectNode callerCopy = (ObjectNode) Json.readTree(Files.readString(Path.of(sample, "event.json"))).get("detail").deepCopy();
        callerCopy.remove("errorCode");
        callerCopy.remove("errorMessage");
        callerCopy.put("eventTime", "2024-07-30T20:00:00Z").put("sharedEventID", "5ha7ed00-0000-4000-8000-000000000001");
        ObjectNode roleCopy = callerCopy.deepCopy();
        roleCopy.set("userIdentity", Json.readTree("{\"type\":\"AWSAccount\",\"principalId\":\"AIDACIUSER\",\"accountId\":\"222222222222\"}"));
        roleCopy.put("recipientAccountId", "111111111111").put("eventID", "e-role-copy");
        ArrayNode events = Json.mapper().createObjectNode().putArray("Events");
        events.addObject().put("CloudTrailEvent", Json.compact(callerCopy));
        events.addObject().put("CloudTrailEvent", Json.compact(roleCopy));
        return Files.writeString(dir.resolve("history-" + sample.replace('/', '-') + ".json"),
                Json.compact(Json.mapper().createObjectNode().set("Events", events)));
    }
}
