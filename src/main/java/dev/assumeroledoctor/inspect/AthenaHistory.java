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
    static final List<String> COLUMNS = List.of("eventid", "eventtime", "eventname", "awsregion", "sourceipaddress", "useragent",
            "recipientaccountid", "sharedeventid", "vpcendpointid", "useridentity.type", "useridentity.principalid", "useridentity.arn",
            "useridentity.accountid", "useridentity.username", "useridentity.invokedby", "useridentity.identityprovider",
            "useridentity.sessioncontext.sessionissuer.arn", "useridentity.sessioncontext.attributes.mfaauthenticated",
            "useridentity.sessioncontext.sourceidentity", "requestparameters");
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
        List<String> v = new ArrayList<>();
        row.data().forEach(d -> v.add(d.varCharValue()));
        while (v.size() < COLUMNS.size()) {
            v.add(null);
        }
        ObjectNode r = Json.mapper().createObjectNode();
        put(r, "eventID", v.get(0));
        put(r, "eventTime", v.get(1));
        put(r, "eventName", v.get(2));
        put(r, "awsRegion", v.get(3));
        put(r, "sourceIPAddress", v.get(4));
        put(r, "userAgent", v.get(5));
        put(r, "recipientAccountId", v.get(6));
        put(r, "sharedEventID", v.get(7));
        put(r, "vpcEndpointId", v.get(8));
        r.put("eventSource", "sts.amazonaws.com");
        ObjectNode identity = r.putObject("userIdentity");
        put(identity, "type", v.get(9));
        put(identity, "principalId", v.get(10));
        put(identity, "arn", v.get(11));
        put(identity, "accountId", v.get(12));
        put(identity, "userName", v.get(13));
        put(identity, "invokedBy", v.get(14));
        put(identity, "identityProvider", v.get(15));
        if (v.get(16) != null || v.get(17) != null || v.get(18) != null) {
            ObjectNode session = identity.putObject("sessionContext");
            if (v.get(16) != null) {
                session.putObject("sessionIssuer").put("arn", v.get(16)).put("type", "Role");
            }
            if (v.get(17) != null) {
                session.putObject("attributes").put("mfaAuthenticated", v.get(17));
            }
            put(session, "sourceIdentity", v.get(18));
        }
        if (v.get(19) == null) {
            r.putNull("requestParameters");
        } else {
            try {
                r.set("requestParameters", Json.readTree(v.get(19)));
            } catch (IllegalArgumentException unreadable) {
                r.putNull("requestParameters");
            }
        }
        return r;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
