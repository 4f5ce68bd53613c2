package dev.assumeroledoctor.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.history.PolicyChange.CallerRole;
import dev.assumeroledoctor.history.PolicyChange.CallerUser;
import dev.assumeroledoctor.history.PolicyChange.TargetRole;
import dev.assumeroledoctor.evaluation.Arns;
import dev.assumeroledoctor.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** What the change watch needs to know of a successful AssumeRole* record. */
public final class SuccessRecords {
    private static final Set<String> CALLS = Set.of("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity");

    private SuccessRecords() {
    }

    /** A successful AssumeRole* record, as CloudTrail writes it (not a refusal, not another call). */
    public static boolean isSuccess(JsonNode record) {
        return "sts.amazonaws.com".equals(record.path("eventSource").asText()) && CALLS.contains(record.path("eventName").asText())
                && !record.hasNonNull("errorCode");
    }

    /** The role a call assumed, as the request named it. */
    public static String roleArn(JsonNode record) {
        return record.path("requestParameters").path("roleArn").asText("");
    }

    /** Whether the role's account recorded the caller only by account and principal id (a cross-account call). */
    public static boolean callerHidden(JsonNode record) {
        return "AWSAccount".equals(record.path("userIdentity").path("type").asText());
    }

    /** The caller account of a call whose caller is hidden. */
    public static String callerAccount(JsonNode record) {
        return record.path("userIdentity").path("accountId").asText("");
    }

    /** The calls a subject takes part in: as the role assumed, or as the caller. */
    public static Predicate<JsonNode> involving(PolicyChange.Subject subject) {
        if (subject instanceof TargetRole t) {
            return r -> Arns.nameOf(roleArn(r)).equalsIgnoreCase(t.roleName()) && t.account().equals(Arns.accountOf(roleArn(r)));
        }
        if (subject instanceof CallerRole c) {
            return r -> {
                JsonNode issuer = r.path("userIdentity").path("sessionContext").path("sessionIssuer");
                return "AssumedRole".equals(r.path("userIdentity").path("type").asText()) && "Role".equals(issuer.path("type").asText())
                        && c.account().equals(issuer.path("accountId").asText()) && c.roleName().equalsIgnoreCase(issuer.path("userName").asText());
            };
        }
        if (subject instanceof CallerUser u) {
            return r -> "IAMUser".equals(r.path("userIdentity").path("type").asText())
                    && u.account().equals(r.path("userIdentity").path("accountId").asText())
                    && u.userName().equalsIgnoreCase(r.path("userIdentity").path("userName").asText());
        }
        // organization-wide subjects reach every call in the accounts searched
        return r -> true;
    }

    /**
     * The distinct paths among records, newest first: one per caller, role, call and the request
     * facts a condition can test (source network, MFA, ExternalId presence, source identity, tags).
     */
    public static List<JsonNode> distinctPaths(List<JsonNode> newestFirst) {
        Map<String, JsonNode> paths = new LinkedHashMap<>();
        for (JsonNode record : newestFirst) {
            paths.putIfAbsent(pathKey(record), record);
        }
        return new ArrayList<>(paths.values());
    }

    /** The success as the diagnosis engine reads a refusal: the same parser rebuilds the same request. */
    public static ObjectNode asRefused(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        copy.put("errorCode", "AccessDenied").put("errorMessage", "");
        return copy;
    }

    /** The caller's ARN as the record names it. */
    public static String caller(JsonNode record) {
        return PolicyChanges.actor(record.path("userIdentity"));
    }

    /** A path's identity as a short digest: the same path recorded in two accounts (a cross-account call) is counted once. */
    public static String pathDigest(JsonNode record) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(pathKey(record).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String pathKey(JsonNode r) {
        JsonNode p = r.path("requestParameters");
        List<String> parts = List.of(caller(r), roleArn(r), r.path("eventName").asText(), r.path("sourceIPAddress").asText(),
                r.path("vpcEndpointId").asText(), Boolean.toString(p.hasNonNull("externalId")), p.path("sourceIdentity").asText(),
                Boolean.toString(p.hasNonNull("serialNumber")), Json.compact(p.path("tags")), Json.compact(p.path("transitiveTagKeys")),
                r.path("userIdentity").path("sessionContext").path("attributes").path("mfaAuthenticated").asText());
        return String.join("\u0000", parts);
    }

    /** The record's time, for "last worked at". */
    public static Optional<java.time.Instant> time(JsonNode record) {
        java.time.Instant t = PolicyChanges.time(record);
        return t.equals(java.time.Instant.EPOCH) ? Optional.empty() : Optional.of(t);
    }
}
