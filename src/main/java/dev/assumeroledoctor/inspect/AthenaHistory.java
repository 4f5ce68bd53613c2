package dev.assumeroledoctor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.HistorySource;
import dev.assumeroledoctor.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

/**
 * The recent AssumeRole* successes from Athena over the organization trail, the engine platform
 * teams use for "who assumed what, across the organization": the CloudTrail table AWS documents for
 * an organization trail, partitioned by account, region and day with partition projection
 * ("Creating the table for CloudTrail logs in Athena using partition projection"). One query per
 * account searched, every region at once; the results read in pages. The other reads (changes,
 * the organization's structure, IAM) come from the live history it is built over.
 */
final class AthenaHistory extends dev.assumeroledoctor.history.ForwardingHistory {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final Set<String> REFUSALS = Set.of("AccessDeniedException", "UnauthorizedException");
    /* the columns a success is rebuilt from, in this order */
    /* Each column the query selects, and the field of the CloudTrail record it goes back into: one list, so the two never drift apart. */
    private record Column(String sql, String field) {
    }

    private static final List<Column> MAPPING = List.of(new Column("eventid", "eventID"), new Column("eventtime", "eventTime"),
            new Column("eventname", "eventName"), new Column("awsregion", "awsRegion"), new Column("sourceipaddress", "sourceIPAddress"),
            new Column("useragent", "userAgent"), new Column("recipientaccountid", "recipientAccountId"),
            new Column("sharedeventid", "sharedEventID"), new Column("vpcendpointid", "vpcEndpointId"),
            new Column("useridentity.type", "userIdentity.type"), new Column("useridentity.principalid", "userIdentity.principalId"),
            new Column("useridentity.arn", "userIdentity.arn"), new Column("useridentity.accountid", "userIdentity.accountId"),
            new Column("useridentity.username", "userIdentity.userName"), new Column("useridentity.invokedby", "userIdentity.invokedBy"),
            new Column("useridentity.identityprovider", "userIdentity.identityProvider"),
            new Column("useridentity.sessioncontext.sessionissuer.arn", "userIdentity.sessionContext.sessionIssuer.arn"),
            new Column("useridentity.sessioncontext.attributes.mfaauthenticated", "userIdentity.sessionContext.attributes.mfaAuthenticated"),
            new Column("useridentity.sessioncontext.sourceidentity", "userIdentity.sessionContext.sourceIdentity"),
            new Column("requestparameters", "requestParameters"));
    static final List<String> COLUMNS = MAPPING.stream().map(Column::sql).toList();
    private final AthenaClient athena;
    private final Table table;
    private final Clock clock;
    private final LongConsumer sleep;
    private final Duration patience;

    /** The organization trail's table in the Glue catalog, and the workgroup its queries run in (with its results location). */
    record Table(String workgroup, String database, String name) {
        Table {
            for (String part : List.of(workgroup, database, name)) {
                if (!part.matches("[A-Za-z0-9_-]{1,128}")) {
                    throw new IllegalArgumentException("an Athena workgroup, database or table name of letters, digits, _ and -, not \"" + part + "\"");
                }
            }
        }
    }

    AthenaHistory(AthenaClient athena, Table table, HistorySource live, Clock clock, LongConsumer sleep, Duration patience) {
        super(live);
        this.athena = athena;
        this.table = table;
        this.clock = clock;
        this.sleep = sleep;
        this.patience = patience;
    }

    /** The query for one account's successes since a time: its partitions only (account, the days since), every region. */
    String successesQuery(String account, Instant since) {
        return successesQuery(List.of(account), since);
    }

    /** One query for the successes of every account a change reaches: their partitions only, every region. */
    String successesQuery(List<String> accounts, Instant since) {
        for (String account : accounts) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("not an account id: " + account);
            }
        }
        String where = accounts.size() == 1 ? "account = '" + accounts.get(0) + "'"
                : "account IN (" + String.join(", ", accounts.stream().map(a -> "'" + a + "'").toList()) + ")";
        return "SELECT " + String.join(", ", COLUMNS) + "\nFROM \"" + table.database() + "\".\"" + table.name() + "\""
                + "\nWHERE " + where + " AND \"timestamp\" >= '" + DAY.format(since) + "'"
                + "\n  AND eventsource = 'sts.amazonaws.com' AND eventname IN ('AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity')"
                + "\n  AND errorcode IS NULL AND from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp('" + since + "')"
                + "\nORDER BY eventtime DESC";
    }

    @Override
    public List<String> regions() {
        return List.of("every region of the organization trail");
    }

    /* Athena takes a query of at most 262,144 bytes: a change's accounts go in queries of a thousand (16 KB of ids) */
    private static final int ACCOUNTS_A_QUERY = 1_000;

    @Override
    public java.util.Optional<java.util.Map<String, Records>> successesOf(List<String> accounts, Instant since) {
        java.util.Map<String, List<JsonNode>> byAccount = new java.util.LinkedHashMap<>();
        accounts.forEach(a -> byAccount.put(a, new ArrayList<>()));
        for (int from = 0; from < accounts.size(); from += ACCOUNTS_A_QUERY) {
            List<String> some = accounts.subList(from, Math.min(accounts.size(), from + ACCOUNTS_A_QUERY));
            for (JsonNode record : run(successesQuery(some, since), some.size() + " accounts")) {
                byAccount.computeIfAbsent(record.path("recipientAccountId").asText(), a -> new ArrayList<>()).add(record);
            }
        }
        java.util.Map<String, Records> out = new java.util.LinkedHashMap<>();
        byAccount.forEach((account, records) -> out.put(account, new Records(HistorySource.newestFirst(records), List.of())));
        return java.util.Optional.of(out);
    }

    @Override
    public Records successes(String account, Instant since) {
        return new Records(HistorySource.newestFirst(run(successesQuery(account, since), "account " + account)), List.of());
    }








    /* Start, wait (bounded), read every page; a refusal is a gap of what was searched, a failed query or a fault fails the read. */
    private List<JsonNode> run(String query, String what) {
        String id;
        try {
            id = athena.startQueryExecution(r -> r.queryString(query).workGroup(table.workgroup())
                    .queryExecutionContext(c -> c.database(table.database()))).queryExecutionId();
            Instant deadline = clock.instant().plus(patience);
            long pause = 200;
            while (true) {
                var status = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status();
                if (status.state() == QueryExecutionState.SUCCEEDED) {
                    break;
                }
                if (status.state() == QueryExecutionState.FAILED || status.state() == QueryExecutionState.CANCELLED) {
                    throw new InspectionFault("athena:StartQueryExecution for " + what + " ended " + status.stateAsString() + ": "
                            + String.valueOf(status.stateChangeReason()), null);
                }
                if (clock.instant().isAfter(deadline)) {
                    athena.stopQueryExecution(r -> r.queryExecutionId(id));
                    throw new InspectionFault("athena: the query for " + what + " did not finish in " + patience.toSeconds() + " s", null);
                }
                sleep.accept(pause);
                pause = Math.min(pause * 2, 2_000);
            }
            List<JsonNode> records = new ArrayList<>();
            boolean header = true;
            for (var page : athena.getQueryResultsPaginator(r -> r.queryExecutionId(id))) {
                for (Row row : page.resultSet().rows()) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    records.add(record(row));
                }
            }
            return records;
        } catch (AthenaException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (REFUSALS.contains(code)) {
                throw new Gap("athena:StartQueryExecution on workgroup " + table.workgroup() + " was refused (" + code + "): the function needs"
                        + " Athena, Glue and the trail bucket's reads (README, Athena over the organization trail)");
            }
            throw new InspectionFault("athena: the history of " + what, e);
        }
    }

    /* A row back into the CloudTrail record the rest of the watch reads (the fields it reads, nothing invented). */
    static ObjectNode record(Row row) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("eventSource", "sts.amazonaws.com");
        r.putObject("userIdentity");
        r.putNull("requestParameters");
        for (int i = 0; i < MAPPING.size() && i < row.data().size(); i++) {
            String value = row.data().get(i).varCharValue();
            String[] path = MAPPING.get(i).field().split("\\.");
            if (path[0].equals("requestParameters")) {
                r.set("requestParameters", parameters(value));
            } else if (value != null && !value.isEmpty()) {
                ObjectNode parent = r;
                for (int p = 0; p < path.length - 1; p++) {
                    parent = parent.withObjectProperty(path[p]);
                }
                parent.put(path[path.length - 1], value);
            }
        }
        JsonNode issuer = r.at("/userIdentity/sessionContext/sessionIssuer");
        if (issuer.isObject()) {
            ((ObjectNode) issuer).put("type", "Role"); // a session's issuer is always a role
        }
        return r;
    }

    /* The JSON text of the requestparameters column; null where it is absent or unreadable. */
    private static JsonNode parameters(String value) {
        try {
            return value == null ? Json.mapper().nullNode() : Json.readTree(value);
        } catch (IllegalArgumentException unreadable) {
            return Json.mapper().nullNode();
        }
    }
}
