package dev.assumeroledoctor.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.diagnosis.Cause;
import dev.assumeroledoctor.diagnosis.ConditionFinding;
import dev.assumeroledoctor.diagnosis.Diagnoser;
import dev.assumeroledoctor.diagnosis.Diagnosis;
import dev.assumeroledoctor.diagnosis.RebuiltRequest;
import dev.assumeroledoctor.diagnosis.RequestRebuilder;
import dev.assumeroledoctor.diagnosis.SecretState;
import dev.assumeroledoctor.event.AssumeRoleEvent;
import dev.assumeroledoctor.event.EventParser;
import dev.assumeroledoctor.event.ParsedEvent;
import dev.assumeroledoctor.remediation.PatchPlanner;
import dev.assumeroledoctor.report.Report;
import dev.assumeroledoctor.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * "Why can Alice assume the role and Bob cannot?": the request facts in which a success and a
 * failure differ, with the ones the failure's causes turn on marked as deciding. Both records
 * are rebuilt by the diagnosis engine against the same snapshot.
 *
 * @param differences deciding ones first
 */
public record Comparison(AssumeRoleEvent allowed, List<Difference> differences, Report.Diagnosed denied) {
    /* Keys that differ between any two calls: shown only when a cause turns on them. */
    private static final Set<String> ALWAYS_DIFFERENT = Set.of("aws:currenttime", "aws:epochtime", "aws:multifactorauthage", "aws:useragent");

    /** One fact; the ExternalId is compared by presence and equality, its value never kept. */
    public record Difference(String what, String allowed, String denied, boolean decides) {
    }

    /** @throws IllegalArgumentException when a record is not an AssumeRole* call, or the first one failed */
    public static Comparison of(JsonNode allowedRecord, JsonNode deniedRecord, Snapshot snapshot) {
        JsonNode allowedDetail = allowedRecord.has("detail") ? allowedRecord.get("detail") : allowedRecord;
        if (allowedDetail.hasNonNull("errorCode")) {
            throw new IllegalArgumentException("--allowed must be a call that succeeded; it failed with " + allowedDetail.get("errorCode").asText());
        }
        // the success is read as the engine reads a refusal: same parser, same rebuilt context
        ObjectNode asRefused = allowedDetail.deepCopy();
        asRefused.put("errorCode", "AccessDenied").put("errorMessage", "");
        AssumeRoleEvent allowed = applicable(asRefused, "--allowed");
        AssumeRoleEvent denied = applicable(deniedRecord, "--denied");
        Diagnosis diagnosis = Diagnoser.diagnose(denied, snapshot);
        Report.Diagnosed report = new Report.Diagnosed(diagnosis, PatchPlanner.plan(diagnosis, snapshot));
        return new Comparison(allowed, differences(RequestRebuilder.rebuild(allowed, snapshot), RequestRebuilder.rebuild(denied, snapshot),
                diagnosis), report);
    }

    private static AssumeRoleEvent applicable(JsonNode record, String option) {
        ParsedEvent parsed = EventParser.parse(record);
        if (parsed instanceof ParsedEvent.Applicable a) {
            return a.event();
        }
        throw new IllegalArgumentException(option + ": " + ((ParsedEvent.NotApplicable) parsed).reason());
    }

    private static List<Difference> differences(RebuiltRequest allowed, RebuiltRequest denied, Diagnosis diagnosis) {
        Set<String> deciding = new java.util.HashSet<>();
        boolean principalDecides = false;
        for (Cause cause : diagnosis.causes()) {
            cause.condition().map(ConditionFinding::key).map(k -> k.toLowerCase(Locale.ROOT)).ifPresent(deciding::add);
            principalDecides |= cause.condition().isEmpty() && cause.policyType().isPresent();
        }
        List<Difference> out = new ArrayList<>();
        add(out, "principal", allowed.caller().arn(), denied.caller().arn(), principalDecides);
        add(out, "principal account", allowed.callerAccount().orElse("(unknown)"), denied.callerAccount().orElse("(unknown)"), principalDecides);
        add(out, "role", allowed.roleArn().orElse("(unknown)"), denied.roleArn().orElse("(unknown)"), true);
        add(out, "call", allowed.call().action(), denied.call().action(), true);
        add(out, "role chaining", Boolean.toString(allowed.roleChaining()), Boolean.toString(denied.roleChaining()), false);
        add(out, "session duration", duration(allowed), duration(denied), false);
        add(out, "sts:ExternalId", externalId(allowed, denied, true), externalId(allowed, denied, false), deciding.contains("sts:externalid"));
        Map<String, List<String>> a = lower(allowed.keys().present());
        Map<String, List<String>> d = lower(denied.keys().present());
        Map<String, String> names = new TreeMap<>();
        Stream.of(allowed.keys().present(), denied.keys().present()).forEach(m -> m.keySet().forEach(k -> names.putIfAbsent(k.toLowerCase(Locale.ROOT), k)));
        Set<String> keys = names.keySet();
        for (String key : keys) {
            if (key.equals("sts:externalid") || (ALWAYS_DIFFERENT.contains(key) && !deciding.contains(key))) {
                continue;
            }
            add(out, names.get(key), shown(a.get(key)), shown(d.get(key)), deciding.contains(key));
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

    private static Map<String, List<String>> lower(Map<String, List<String>> keys) {
        Map<String, List<String>> out = new TreeMap<>();
        keys.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static String shown(List<String> values) {
        return values == null ? "(absent)" : values.size() == 1 ? values.get(0) : values.toString();
    }
}
