package dev.assumeroledoctor.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.faults.FaultProxy;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.history.SuccessRecords;
import dev.assumeroledoctor.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The change watch's history from Athena over the organization trail: the exact query (the
 * documented organization-trail table, its partitions by account and day, every region), run in
 * moto's Athena with results queued as Athena returns them (a header row, then one row a record,
 * every value a VarCharValue), and each row rebuilt into the CloudTrail record the watch reads.
 */
class AthenaHistoryTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final Instant SINCE = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void theQueryReadsOneAccountsPartitionsSinceTheDayOfTheLookback() {
        assertThat(history(MOTO.endpoint()).successesQuery("111111111111", SINCE)).isEqualTo("""
                SELECT eventid, eventtime, eventname, awsregion, sourceipaddress, useragent, recipientaccountid, sharedeventid, vpcendpointid, \
                useridentity.type, useridentity.principalid, useridentity.arn, useridentity.accountid, useridentity.username, \
                useridentity.invokedby, useridentity.identityprovider, useridentity.sessioncontext.sessionissuer.arn, \
                useridentity.sessioncontext.attributes.mfaauthenticated, useridentity.sessioncontext.sourceidentity, requestparameters
                FROM "trails"."organization_trail"
                WHERE account = '111111111111' AND "timestamp" >= '2026/11/23'
                  AND eventsource = 'sts.amazonaws.com' AND eventname IN ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')
                  AND errorcode IS NULL AND from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('2026-11-23T12:00:00Z')
                ORDER BY eventtime DESC""");
        // nothing of the caller's reaches the query's text: an account id is twelve digits or refused
        assertThatThrownBy(() -> history(MOTO.endpoint()).successesQuery("1' OR '1'='1", SINCE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRowsAthenaReturnsAreTheSuccessesTheWatchReEvaluates() throws Exception {
        MOTO.reset();
        queueResults(List.of(
                row("e1", "2026-11-29T09:00:00Z", "AssumeRole", "eu-west-1", "198.51.100.8", "aws-cli/2", "111111111111", null, null, "IAMUser",
                        "AIDABOB", "arn:aws:iam::111111111111:user/bob", "111111111111", "bob", null, null, null, null, null,
                        "{\"roleArn\":\"arn:aws:iam::111111111111:role/deploy\",\"roleSessionName\":\"run\",\"externalId\":\"x\"}"),
                row("e2", "2026-11-29T08:00:00Z", "AssumeRole", "us-east-1", "198.51.100.7", "sdk", "111111111111", "s-1", null, "AssumedRole",
                        "AROACI:build", "arn:aws:sts::111111111111:assumed-role/ci/build", "111111111111", null, null, null,
                        "arn:aws:iam::111111111111:role/ci", "true", null, "{\"roleArn\":\"arn:aws:iam::111111111111:role/deploy\"}")));
        HistorySource.Records records = history(MOTO.endpoint()).successes("111111111111", SINCE);
        assertThat(records.gaps()).isEmpty();
        assertThat(records.records()).hasSize(2).allMatch(SuccessRecords::isSuccess);
        JsonNode bob = records.records().get(0);
        assertThat(SuccessRecords.caller(bob)).isEqualTo("arn:aws:iam::111111111111:user/bob");
        assertThat(SuccessRecords.roleArn(bob)).isEqualTo("arn:aws:iam::111111111111:role/deploy");
        assertThat(bob.at("/requestParameters/externalId").isMissingNode()).isFalse();
        JsonNode session = records.records().get(1);
        assertThat(session.at("/userIdentity/sessionContext/sessionIssuer/arn").asText()).isEqualTo("arn:aws:iam::111111111111:role/ci");
        assertThat(session.at("/userIdentity/sessionContext/attributes/mfaAuthenticated").asText()).isEqualTo("true");
    }

    @Test
    void oneQueryReadsEveryAccountOfAChangeAndItsRowsAreSortedByAccount() throws Exception {
        assertThat(history(MOTO.endpoint()).successesQuery(List.of("111111111111", "222222222222"), SINCE))
                .contains("WHERE account IN ('111111111111', '222222222222') AND \"timestamp\" >= '2026/11/23'");
        MOTO.reset();
        queueResults(List.of(
                row("e1", "2026-11-29T09:00:00Z", "AssumeRole", "eu-west-1", "198.51.100.8", "cli", "222222222222", null, null, "IAMUser",
                        "AIDABOB", "arn:aws:iam::222222222222:user/bob", "222222222222", "bob", null, null, null, null, null,
                        "{\"roleArn\":\"arn:aws:iam::222222222222:role/deploy\"}"),
                row("e2", "2026-11-29T08:00:00Z", "AssumeRole", "us-east-1", "198.51.100.7", "cli", "111111111111", null, null, "IAMUser",
                        "AIDAAL", "arn:aws:iam::111111111111:user/al", "111111111111", "al", null, null, null, null, null,
                        "{\"roleArn\":\"arn:aws:iam::111111111111:role/deploy\"}")));
        var read = history(MOTO.endpoint()).successesOf(List.of("111111111111", "222222222222", "333333333333"), SINCE).orElseThrow();
        assertThat(read.get("111111111111").records()).extracting(r -> r.path("eventID").asText()).containsExactly("e2");
        assertThat(read.get("222222222222").records()).extracting(r -> r.path("eventID").asText()).containsExactly("e1");
        assertThat(read.get("333333333333").records()).isEmpty();
    }

    @Test
    void aRefusedQueryIsAGapOfTheHistoryNeverASilence() throws Exception {
        MOTO.reset();
        try (FaultProxy proxy = new FaultProxy(MOTO.endpoint(), 1_000)) {
            proxy.inject("StartQueryExecution", FaultProxy.Fault.ACCESS_DENIED, -1);
            assertThatThrownBy(() -> history(proxy.uri()).successes("111111111111", SINCE)).isInstanceOf(HistorySource.Gap.class)
                    .hasMessageContaining("athena:StartQueryExecution on workgroup primary was refused");
        }
    }

    private static AthenaHistory history(URI endpoint) {
        AthenaClient athena = AthenaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(MotoServer.CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        return new AthenaHistory(athena, new AthenaHistory.Table("primary", "trails", "organization_trail"), null,
                Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC), millis -> { }, Duration.ofSeconds(30));
    }

    private static ObjectNode row(String... values) {
        ObjectNode row = Json.mapper().createObjectNode();
        ArrayNode data = row.putArray("Data");
        for (String v : values) {
            ObjectNode cell = data.addObject();
            if (v != null) {
                cell.put("VarCharValue", v);
            }
        }
        return row;
    }

    /* moto's own API: the next query's results, as Athena would return them (a header row first) */
    private static void queueResults(List<ObjectNode> rows) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode().put("account_id", "123456789012").put("region", "us-east-1");
        ObjectNode result = body.putArray("results").addObject();
        ArrayNode all = result.putArray("rows");
        all.add(row(AthenaHistory.COLUMNS.toArray(String[]::new)));
        rows.forEach(all::add);
        ArrayNode columns = result.putArray("column_info");
        AthenaHistory.COLUMNS.forEach(c -> columns.addObject().put("Name", c).put("Type", "varchar").put("CatalogName", "hive")
                .put("SchemaName", "trails").put("TableName", "organization_trail").put("Label", c));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(MOTO.endpoint().resolve("/moto-api/static/athena/query-results"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.compact(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
    }
}
