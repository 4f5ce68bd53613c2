package dev.assumeroledoctor.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Dates as the {@code Date…} operators accept them: "ISO 8601 date formats or POSIX epoch time"
 * (IAM JSON policy elements: Condition operators, Date).
 */
public final class PolicyDates {
    private PolicyDates() {
    }

    public static Optional<Instant> parse(String text) {
        String value = text.strip();
        if (value.matches("-?\\d+")) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException ignored) {
            // not a zoned date-time: try the shorter ISO 8601 forms below
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not a local date-time either
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
