package dev.assumeroledoctor.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an EventBridge "AWS API Call via CloudTrail" event, or a bare CloudTrail record, into an
 * {@link AssumeRoleEvent}. Anything that is well-formed but not a failed AssumeRole* call is
 * {@link ParsedEvent.NotApplicable}; anything unreadable is an {@link EventParseException}.
 */
public final class EventParser {
    /** The error codes of AssumeRole* failures that have a cause in the catalog. */
    static final Set<String> DIAGNOSED_ERRORS = Set.of("AccessDenied", "ValidationError", "RegionDisabledException",
            "InvalidIdentityToken", "MalformedPolicyDocument", "PackedPolicyTooLarge");

    private EventParser() {
    }

    /** The failed AssumeRole* call an event holds, or empty for one that is not (an unreadable one still throws). */
    public static Optional<AssumeRoleEvent> applicable(JsonNode event) {
        return parse(event) instanceof ParsedEvent.Applicable a ? Optional.of(a.event()) : Optional.empty();
    }

    public static ParsedEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new EventParseException("an event must be a JSON object");
        }
        JsonNode record = event;
        if (event.has("detail-type") || event.has("detail")) {
            String detailType = event.path("detail-type").asText("");
            if (!"AWS API Call via CloudTrail".equals(detailType)) {
                return new ParsedEvent.NotApplicable("EventBridge detail-type \""
                        + (detailType.matches("[A-Za-z0-9 .-]{1,64}") ? detailType : "(unrecognised value)") + "\" is not a CloudTrail API call");
            }
            record = event.get("detail");
            if (record == null || !record.isObject()) {
                throw new EventParseException("the EventBridge event has no detail object");
            }
            /*
             * A CloudTrail event reaches EventBridge in the account that recorded it: the
             * envelope's account and the record's recipientAccountId ("the account ID that
             * received this event", CloudTrail record contents) are the same account, also after
             * a member rule forwards it to another bus. One that differs was not made by
             * CloudTrail and is not trusted to choose the accounts the inspector enters.
             */
            Optional<String> account = Json.text(event, "account");
            Optional<String> recipient = Json.text(record, "recipientAccountId");
            if (account.isPresent() && recipient.isPresent() && !account.get().equals(recipient.get())) {
                return new ParsedEvent.NotApplicable("the event's account and its record's recipientAccountId differ: not a CloudTrail"
                        + " event as EventBridge delivers it, so it is not inspected");
            }
        }
        return parseRecord(record);
    }

    /*
     * A reason names the event's own words only when they look like AWS's (an API name, a service,
     * an error code): anything else in those fields is not repeated, so no reason (and no log line
     * made of it) carries what an event happened to hold.
     */
    private static String word(String value) {
        return value.matches("[A-Z][A-Za-z]{0,63}") ? value : "(unrecognised value)";
    }

    private static final java.util.Set<String> OTHER_STS = java.util.Set.of("GetCallerIdentity", "GetSessionToken", "GetFederationToken",
            "DecodeAuthorizationMessage", "GetAccessKeyInfo", "AssumeRoot", "GetWebIdentityToken", "GetDelegatedAccessToken");

    private static ParsedEvent parseRecord(JsonNode record) {
        String source = Json.text(record, "eventSource").orElse("");
        String name = Json.text(record, "eventName").orElseThrow(() -> new EventParseException("the record has no eventName"));
        if (!"sts.amazonaws.com".equals(source)) {
            return new ParsedEvent.NotApplicable(word(name) + " from " + (source.matches("[a-z0-9-]{1,40}\\.amazonaws\\.com") ? source
                    : "an unknown source") + " is not an STS call");
        }
        Optional<StsCall> call = StsCall.fromEventName(name);
        if (call.isEmpty()) {
            return new ParsedEvent.NotApplicable((OTHER_STS.contains(name) ? "sts:" + name : "an STS call") + " does not assume a role");
        }
        Optional<String> errorCode = Json.text(record, "errorCode");
        if (errorCode.isEmpty()) {
            return new ParsedEvent.NotApplicable(name + " succeeded");
        }
        if (!DIAGNOSED_ERRORS.contains(errorCode.get())) {
            return new ParsedEvent.NotApplicable(name + " failed with " + word(errorCode.get()) + ", which no policy change fixes");
        }
        JsonNode identity = record.get("userIdentity");
        if (identity == null || !identity.isObject()) {
            throw new EventParseException("the record has no userIdentity");
        }
        String message = Json.text(record, "errorMessage").orElse("");
        return new ParsedEvent.Applicable(new AssumeRoleEvent(
                Json.text(record, "eventID").orElse(""),
                instant(record, "eventTime").orElseThrow(() -> record.hasNonNull("eventTime")
                        ? new EventParseException("the record's eventTime is not an ISO 8601 time (like 2024-07-30T20:00:00Z)", quoted(record.get("eventTime")))
                        : new EventParseException("the record has no eventTime")),
                Json.text(record, "awsRegion").orElse(""),
                call.get(),
                errorCode.get(),
                message,
                DenialMessageParser.parse(errorCode.get(), message),
                caller(identity),
                parameters(record.get("requestParameters")),
                resourceArns(record.get("resources")),
                Json.text(record, "sourceIPAddress"),
                Json.text(record, "userAgent"),
                Json.text(record, "recipientAccountId"),
                Json.text(record, "vpcEndpointId")));
    }

    private static CallerIdentity caller(JsonNode identity) {
        JsonNode session = identity.path("sessionContext");
        JsonNode issuer = session.path("sessionIssuer");
        JsonNode attributes = session.path("attributes");
        Optional<Boolean> mfa = Json.text(attributes, "mfaAuthenticated").map(Boolean::parseBoolean);
        return new CallerIdentity(
                Json.text(identity, "type").orElse("Unknown"),
                Json.text(identity, "arn"),
                Json.text(identity, "accountId"),
                Json.text(identity, "principalId"),
                Json.text(identity, "userName"),
                Json.text(identity, "accessKeyId"),
                Json.text(issuer, "arn"),
                Json.text(issuer, "type"),
                mfa,
                instant(attributes, "creationDate"),
                Json.text(session, "sourceIdentity"),
                Json.text(identity, "identityProvider"),
                Json.text(identity, "invokedBy"));
    }

    private static Optional<RequestParameters> parameters(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            Json.text(tag, "key").ifPresent(k -> tags.put(k, Json.text(tag, "value").orElse("")));
        }
        // AssumeRoleWithWebIdentity records carry the token's tags as principalTags
        node.path("principalTags").fields().forEachRemaining(e -> tags.putIfAbsent(e.getKey(), e.getValue().asText()));
        List<String> transitive = new ArrayList<>();
        node.path("transitiveTagKeys").forEach(k -> transitive.add(k.asText()));
        Optional<Integer> duration = node.has("durationSeconds") && node.get("durationSeconds").canConvertToInt()
                ? Optional.of(node.get("durationSeconds").asInt())
                : Json.text(node, "durationSeconds").flatMap(EventParser::integer);
        return Optional.of(new RequestParameters(
                Json.text(node, "roleArn"),
                Json.text(node, "roleSessionName"),
                Json.text(node, "externalId"),
                duration,
                tags,
                transitive,
                Json.text(node, "sourceIdentity"),
                Json.text(node, "serialNumber"),
                node.hasNonNull("policy") || node.path("policyArns").size() > 0,
                Json.text(node, "principalArn"),
                Json.text(node, "providerId")));
    }

    private static List<String> resourceArns(JsonNode resources) {
        List<String> arns = new ArrayList<>();
        if (resources != null) {
            for (JsonNode resource : resources) {
                Json.text(resource, "ARN").or(() -> Json.text(resource, "arn")).ifPresent(arns::add);
            }
        }
        return arns;
    }

    private static Optional<Integer> integer(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /* A value of the record, for an error message: bounded, one line, quoted. */
    private static String quoted(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        String line = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return "\"" + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "\"";
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        try {
            return Json.text(node, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
