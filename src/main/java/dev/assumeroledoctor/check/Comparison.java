package dev.assumeroledoctor.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.ConditionFinding;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.diagnosis.RequestRebuilder;
import dev.assumeroledoctor.diagnosis.SecretState;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.service.DiagnosisService;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "Why can Alice assume the role and Bob cannot?": the request facts in which a success and a
 * failure differ, with the ones the failure's causes turn on marked as deciding. Both records
 * are rebuilt by the diagnosis engine against the same snapshot.
 *
 * @param differences deciding ones first
 */
public record Comparison(AssumeRoleEvent allowed, List<Difference> differences, Report.Diagnosed denied) {
    /* Keys that differ between any two calls: shown only when a cause turns on them. */
    private static final Set<String> ALWAYS_DIFFERENT = caseInsensitive(Set.of("aws:CurrentTime", "aws:EpochTime", "aws:MultiFactorAuthAge",
            "aws:UserAgent"));

    /** One fact; the ExternalId is compared by presence and equality, its value never kept. */
    public record Difference(String what, String allowed, String denied, boolean decides) {
    }

    /** @throws IllegalArgumentException when a record is not an AssumeRole* call, or the first one failed */
    public static Comparison of(JsonNode allowedRecord, JsonNode deniedRecord, Snapshot snapshot) {
        AssumeRoleEvent denied = applicable(deniedRecord, "--denied");
        return of(allowedRecord, snapshot, DiagnosisService.diagnose(denied, snapshot));
    }

    /**
     * A success against a failure already diagnosed: the success is rebuilt with a snapshot that
     * holds its own caller (the Lambda reads it when it looks up the latest success).
     */
    public static Comparison of(JsonNode allowedRecord, Snapshot allowedSnapshot, Report.Diagnosed denied) {
        AssumeRoleEvent allowed = allowed(allowedRecord);
        return new Comparison(allowed, differences(RequestRebuilder.rebuild(allowed, allowedSnapshot), denied.diagnosis().request(),
                denied.diagnosis()), denied);
    }

    /** The success as the engine reads a refusal: same parser, same rebuilt context. */
    public static AssumeRoleEvent allowed(JsonNode allowedRecord) {
        JsonNode allowedDetail = allowedRecord.has("detail") ? allowedRecord.get("detail") : allowedRecord;
        if (allowedDetail.hasNonNull("errorCode")) {
            throw new IllegalArgumentException("--allowed must be a call that succeeded; it failed with " + allowedDetail.get("errorCode").asText());
        }
        ObjectNode asRefused = allowedDetail.deepCopy();
        asRefused.put("errorCode", "AccessDenied").put("errorMessage", "");
        return applicable(asRefused, "--allowed");
    }

    private static AssumeRoleEvent applicable(JsonNode record, String option) {
        ParsedEvent parsed = EventParser.parse(record);
        if (parsed instanceof ParsedEvent.Applicable a) {
            return a.event();
        }
        throw new IllegalArgumentException(option + ": " + ((ParsedEvent.NotApplicable) parsed).reason());
    }

    private static List<Difference> differences(RebuiltRequest allowed, RebuiltRequest denied, Diagnosis diagnosis) {
        // condition keys are case-insensitive (IAM JSON policy elements: Condition)
        Set<String> deciding = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        boolean principalDecides = false;
        for (Cause cause : diagnosis.causes()) {
            cause.condition().map(ConditionFinding::key).ifPresent(deciding::add);
            principalDecides |= cause.condition().isEmpty() && cause.policyType().isPresent();
        }
        List<Difference> out = new ArrayList<>();
        add(out, "principal", allowed.caller().arn(), denied.caller().arn(), principalDecides);
        add(out, "principal account", allowed.callerAccount().orElse("(unknown)"), denied.callerAccount().orElse("(unknown)"), principalDecides);
        add(out, "role", allowed.roleArn().orElse("(unknown)"), denied.roleArn().orElse("(unknown)"), true);
        add(out, "call", allowed.call().action(), denied.call().action(), true);
        add(out, "role chaining", Boolean.toString(allowed.roleChaining()), Boolean.toString(denied.roleChaining()), false);
        add(out, "session duration", duration(allowed), duration(denied), false);
        add(out, "sts:ExternalId", externalId(allowed, denied, true), externalId(allowed, denied, false), deciding.contains("sts:ExternalId"));
        Map<String, List<String>> a = caseInsensitive(allowed.keys().present());
        Map<String, List<String>> d = caseInsensitive(denied.keys().present());
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keys.addAll(a.keySet());
        keys.addAll(d.keySet());
        for (String key : keys) {
            if (key.equalsIgnoreCase("sts:ExternalId") || (ALWAYS_DIFFERENT.contains(key) && !deciding.contains(key))) {
                continue;
            }
            add(out, key, shown(a.get(key)), shown(d.get(key)), deciding.contains(key));
        }
        out.sort(java.util.Comparator.comparing((Difference x) -> !x.decides()));
        return List.copyOf(out);
    }

    private static void add(List<Difference> out, String what, String allowed, String denied, boolean decides) {
        if (!Objects.equals(allowed, denied)) {
            out.add(new Difference(what, allowed, denied, decides));
        }
    }

    private static String externalId(RebuiltRequest allowed, RebuiltRequest denied, boolean forAllowed) {
        RebuiltRequest self = forAllowed ? allowed : denied;
        if (self.externalId() != SecretState.PRESENT) {
            return self.externalId() == SecretState.ABSENT ? "absent" : "unknown";
        }
        boolean both = allowed.externalId() == SecretState.PRESENT && denied.externalId() == SecretState.PRESENT;
        boolean same = both && allowed.keys().lookup("sts:ExternalId").equals(denied.keys().lookup("sts:ExternalId"));
        return both ? (same ? "present" : "present (" + (forAllowed ? "one value" : "a different value") + ")") : "present";
    }

    private static String duration(RebuiltRequest request) {
        return request.durationSeconds().map(s -> s + " s").orElse("default");
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> keys) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(keys);
        return out;
    }

    private static Set<String> caseInsensitive(Set<String> keys) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.addAll(keys);
        return java.util.Collections.unmodifiableSet(out);
    }

    private static String shown(List<String> values) {
        return values == null ? "(absent)" : values.size() == 1 ? values.get(0) : values.toString();
    }
}
