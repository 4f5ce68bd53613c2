package dev.assumeroledoctor.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The typed fields of a snapshot file, read strictly: a value of the wrong kind (an ARN given as a
 * number, a duration that is not a whole number, a date that is not a date) is an error naming the
 * file and the place, never read as something else (a number taken for a name that then matches no
 * role would give a certain ROLE_NOT_FOUND).
 */
final class Fields {
    private Fields() {
    }

    /** A string field: empty when missing or null; any other kind is an error. */
    static Optional<String> text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new SnapshotException(path + "." + field + ": must be a string, not " + kind(value) + " " + bounded(value));
        }
        return Optional.of(value.textValue());
    }

    static String required(JsonNode node, String field, String path) {
        return text(node, field, path).orElseThrow(() -> new SnapshotException(path + ": " + field + " is required"));
    }

    /** A required ARN: a string that starts as every ARN does. */
    static String arn(JsonNode node, String field, String path) {
        String arn = required(node, field, path);
        if (!arn.startsWith("arn:") || arn.split(":", -1).length < 6) {
            throw new SnapshotException(path + "." + field + ": \"" + bounded(node.get(field)) + "\" is not an ARN (arn:partition:service:region:account:resource)");
        }
        return arn;
    }

    /** An ISO 8601 date with its offset, as get-account-authorization-details prints it; empty when missing. */
    static Optional<Instant> date(JsonNode node, String field, String path) {
        Optional<String> text = text(node, field, path);
        try {
            return text.map(t -> OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new SnapshotException(path + "." + field + ": \"" + bounded(node.get(field)) + "\" is not a date (like 2024-07-30T20:00:00Z)");
        }
    }

    /** A whole number in [min, max]; empty when missing. */
    static OptionalInt integer(JsonNode node, String field, String path, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new SnapshotException(path + "." + field + ": must be a whole number from " + min + " to " + max + ", not " + bounded(value));
        }
        return OptionalInt.of(value.intValue());
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String bounded(JsonNode value) {
        String text = value.isTextual() ? value.textValue() : value.toString();
        String line = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
