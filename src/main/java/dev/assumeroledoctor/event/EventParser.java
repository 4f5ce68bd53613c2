package dev.assumeroledoctor.event;

import com.fasterxml.jackson.databind.JsonNode;
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

    public static ParsedEvent parse(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new EventParseException("an event must be a JSON object");
        }
        JsonNode record = event;
        if (event.has("detail-type") || event.has("detail")) {
            String detailType = event.path("detail-type").asText("");
            if (!"AWS API Call via CloudTrail".equals(detailType)) {
                return new ParsedEvent.NotApplicable("EventBridge detail-type \"" + detailType + "\" is not a CloudTrail API call");
            }
            record = event.get("detail");
            if (record == null || !record.isObject()) {
                throw new EventParseException("the EventBridge event has no detail object");
            }
        }
        return parseRecord(record);
    }

    private static ParsedEvent parseRecord(JsonNode record) {
        String source = text(record, "eventSource").orElse("");
        String name = text(record, "eventName").orElseThrow(() -> new EventParseException("the record has no eventName"));
        if (!"sts.amazonaws.com".equals(source)) {
            return new ParsedEvent.NotApplicable(name + " from " + (source.isEmpty() ? "an unknown source" : source) + " is not an STS call");
        }
        Optional<StsCall> call = StsCall.fromEventName(name);
        if (call.isEmpty()) {
            return new ParsedEvent.NotApplicable("sts:" + name + " does not assume a role");
        }
        Optional<String> errorCode = text(record, "errorCode");
        if (errorCode.isEmpty()) {
            return new ParsedEvent.NotApplicable(name + " succeeded");
        }
        if (!DIAGNOSED_ERRORS.contains(errorCode.get())) {
            return new ParsedEvent.NotApplicable(name + " failed with " + errorCode.get() + ", which no policy change fixes");
        }
        JsonNode identity = record.get("userIdentity");
        if (identity == null || !identity.isObject()) {
            throw new EventParseException("the record has no userIdentity");
        }
        String message = text(record, "errorMessage").orElse("");
        return new ParsedEvent.Applicable(new AssumeRoleEvent(
                text(record, "eventID").orElse(""),
                instant(record, "eventTime").orElseThrow(() -> new EventParseException("the record has no valid eventTime")),
                text(record, "awsRegion").orElse(""),
                call.get(),
                errorCode.get(),
                message,
                DenialMessageParser.parse(errorCode.get(), message),
                caller(identity),
                parameters(record.get("requestParameters")),
                resourceArns(record.get("resources")),
                text(record, "sourceIPAddress"),
                text(record, "userAgent"),
                text(record, "recipientAccountId"),
                text(record, "vpcEndpointId")));
    }

    private static CallerIdentity caller(JsonNode identity) {
        JsonNode session = identity.path("sessionContext");
        JsonNode issuer = session.path("sessionIssuer");
        JsonNode attributes = session.path("attributes");
        Optional<Boolean> mfa = text(attributes, "mfaAuthenticated").map(Boolean::parseBoolean);
        return new CallerIdentity(
                text(identity, "type").orElse("Unknown"),
                text(identity, "arn"),
                text(identity, "accountId"),
                text(identity, "principalId"),
                text(identity, "userName"),
                text(identity, "accessKeyId"),
                text(issuer, "arn"),
                text(issuer, "type"),
                mfa,
                instant(attributes, "creationDate"),
                text(session, "sourceIdentity"),
                text(identity, "identityProvider"),
                text(identity, "invokedBy"));
    }

    private static Optional<RequestParameters> parameters(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : node.path("tags")) {
            text(tag, "key").ifPresent(k -> tags.put(k, text(tag, "value").orElse("")));
        }
        // AssumeRoleWithWebIdentity records carry the token's tags as principalTags
        node.path("principalTags").fields().forEachRemaining(e -> tags.putIfAbsent(e.getKey(), e.getValue().asText()));
        List<String> transitive = new ArrayList<>();
        node.path("transitiveTagKeys").forEach(k -> transitive.add(k.asText()));
        Optional<Integer> duration = node.has("durationSeconds") && node.get("durationSeconds").canConvertToInt()
                ? Optional.of(node.get("durationSeconds").asInt())
                : text(node, "durationSeconds").flatMap(EventParser::integer);
        return Optional.of(new RequestParameters(
                text(node, "roleArn"),
                text(node, "roleSessionName"),
                text(node, "externalId"),
                duration,
                tags,
                transitive,
                text(node, "sourceIdentity"),
                text(node, "serialNumber"),
                node.hasNonNull("policy") || node.path("policyArns").size() > 0,
                text(node, "principalArn"),
                text(node, "providerId")));
    }

    private static List<String> resourceArns(JsonNode resources) {
        List<String> arns = new ArrayList<>();
        if (resources != null) {
            for (JsonNode resource : resources) {
                text(resource, "ARN").or(() -> text(resource, "arn")).ifPresent(arns::add);
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

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Optional<Instant> instant(JsonNode node, String field) {
        try {
            return text(node, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
