package dev.assumeroledoctor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assumeroledoctor.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

/**
 * The function's log lines: Lambda's JSON (one line per event, the thread context's keys as
 * fields, never over the line's own), the TEXT form, the level settings Lambda's environment
 * gives, and a timestamp equal to java.time's for any instant.
 */
class LogLineTest {
    @Test
    void jsonCarriesTheContextAsFieldsAndTheStackTraceInOneLine() {
        String line = LogLine.json(Instant.parse("2026-12-01T19:05:03.007Z"), Level.WARN, "dev.x.Handler", "two\nlines",
                Map.of("AWSRequestId", "req-1", "cold_start", "true", "level", "forged"), new IllegalStateException("boom"));
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip().lines()).hasSize(1);
        JsonNode json = Json.readTree(line);
        assertThat(json.path("timestamp").asText()).isEqualTo("2026-12-01T19:05:03.007Z");
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("message").asText()).isEqualTo("two\nlines");
        assertThat(json.path("AWSRequestId").asText()).isEqualTo("req-1");
        assertThat(json.path("cold_start").asText()).isEqualTo("true");
        assertThat(json.path("exception").asText()).startsWith("java.lang.IllegalStateException: boom");
    }

    @Test
    void textIsLambdasPattern() {
        assertThat(LogLine.text(Instant.parse("2026-01-02T03:04:05.060Z"), Level.INFO, "dev.x.Handler", "hello", "req-9", null))
                .isEqualTo("2026-01-02 03:04:05.060 req-9 INFO  Handler - hello\n");
    }

    @Test
    void theTimestampIsJavaTimesForAnyInstant() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
            assertThat(LogLine.timestamp(t, 'T')).isEqualTo(iso.format(t));
        }
    }

    @Test
    void levelsComeFromLambdasSettingsAndTheSdkStaysAtWarn() {
        LogSettings debug = LogSettings.fromEnvironment(Map.of("AWS_LAMBDA_LOG_LEVEL", "debug", "LOG_LEVEL", "ERROR", "AWS_LAMBDA_LOG_FORMAT", "JSON"));
        assertThat(debug.root()).isEqualTo(Level.DEBUG);
        assertThat(debug.json()).isTrue();
        assertThat(debug.level("dev.assumeroledoctor.x")).isEqualTo(Level.DEBUG);
        assertThat(debug.level("software.amazon.awssdk.request")).isEqualTo(Level.WARN);
        LogSettings error = LogSettings.fromEnvironment(Map.of("LOG_LEVEL", "ERROR"));
        assertThat(error.root()).isEqualTo(Level.ERROR);
        assertThat(error.level("software.amazon.awssdk.request")).isEqualTo(Level.ERROR);
        assertThat(error.json()).isFalse();
        assertThat(LogSettings.fromEnvironment(Map.of()).root()).isEqualTo(Level.INFO);
    }

    @Test
    void theLog4jApiWritesThroughThisBackend() {
        Logger logger = LogManager.getLogger("dev.assumeroledoctor.probe");
        assertThat(logger).isInstanceOf(LambdaLog.class);
        try (LogCapture capture = new LogCapture()) {
            ThreadContext.put("service", "assume-role-doctor");
            logger.info("hello {}", "world");
            logger.debug("not at INFO");
            ThreadContext.remove("service");
            JsonNode line = Json.readTree(capture.text().strip());
            assertThat(line.path("message").asText()).isEqualTo("hello world");
            assertThat(line.path("service").asText()).isEqualTo("assume-role-doctor");
            assertThat(line.path("logger").asText()).isEqualTo("dev.assumeroledoctor.probe");
        }
        // the SDK's SLF4J lines go the same way
        assertThat(org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.x").isInfoEnabled()).isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk.x").isWarnEnabled()).isTrue();
    }
}
