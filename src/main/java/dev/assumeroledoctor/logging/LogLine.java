package dev.assumeroledoctor.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assumeroledoctor.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.apache.logging.log4j.Level;

/**
 * The two layouts of a log line. JSON (the function's format in the template): timestamp, level,
 * message, logger, the thread context's keys flattened as fields (request id, {@code cold_start},
 * {@code service}, the outcome's facts), and the exception's stack trace — the keys Powertools for
 * AWS Lambda users filter on. TEXT: {@code date requestId LEVEL Logger - message}.
 */
final class LogLine {
    private static final java.util.Set<String> OWN = java.util.Set.of("timestamp", "level", "message", "logger", "exception");

    private LogLine() {
    }

    static String json(Instant time, Level level, String logger, String message, Map<String, String> context, Throwable thrown) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("timestamp", timestamp(time, 'T') + "Z").put("level", level.name()).put("message", message).put("logger", logger);
        // a context key never overwrites the line's own fields
        context.forEach((key, value) -> {
            if (!OWN.contains(key)) {
                line.put(key, value);
            }
        });
        if (thrown != null) {
            line.put("exception", stackTrace(thrown));
        }
        return Json.compact(line) + "\n";
    }

    static String text(Instant time, Level level, String logger, String message, String requestId, Throwable thrown) {
        String shortName = logger.substring(logger.lastIndexOf('.') + 1);
        String name = level.name();
        return timestamp(time, ' ') + " " + (requestId == null ? "" : requestId) + " " + name + " ".repeat(Math.max(0, 5 - name.length()))
                + " " + shortName + " - " + message + "\n" + (thrown == null ? "" : stackTrace(thrown));
    }

    /*
     * yyyy-MM-dd?HH:mm:ss.SSS in UTC, computed rather than formatted: a DateTimeFormatter's first
     * use loads the locale providers, tens of milliseconds of a cold start for a fixed pattern.
     */
    static String timestamp(Instant time, char separator) {
        long millis = time.toEpochMilli();
        long days = Math.floorDiv(millis, 86_400_000L);
        long ofDay = Math.floorMod(millis, 86_400_000L);
        // civil date from days since 1970-01-01 (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year + "-" + two(month) + "-" + two(day) + separator + two(ofDay / 3_600_000) + ":" + two(ofDay / 60_000 % 60) + ":"
                + two(ofDay / 1_000 % 60) + "." + (ofDay % 1_000 < 100 ? (ofDay % 1_000 < 10 ? "00" : "0") : "") + ofDay % 1_000;
    }

    private static String two(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
