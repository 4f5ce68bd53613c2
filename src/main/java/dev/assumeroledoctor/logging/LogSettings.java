package dev.assumeroledoctor.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.Level;

/**
 * What the log4j2.xml used to say, read from the environment: the level ({@code
 * AWS_LAMBDA_LOG_LEVEL}, Lambda's own setting, else {@code LOG_LEVEL}, else INFO), the format
 * ({@code AWS_LAMBDA_LOG_FORMAT}: JSON or TEXT), and the SDK's own loggers at WARN at least.
 */
record LogSettings(Level root, boolean json) {
    private static final String SDK = "software.amazon.awssdk";

    static LogSettings fromEnvironment(Map<String, String> env) {
        String level = Optional.ofNullable(env.get("AWS_LAMBDA_LOG_LEVEL")).or(() -> Optional.ofNullable(env.get("LOG_LEVEL"))).orElse("INFO");
        return new LogSettings(Level.toLevel(level.strip().toUpperCase(Locale.ROOT), Level.INFO),
                "JSON".equalsIgnoreCase(Optional.ofNullable(env.get("AWS_LAMBDA_LOG_FORMAT")).orElse("TEXT").strip()));
    }

    /** A logger's level: the root's, and never below WARN for the SDK (its DEBUG lines would carry request bodies). */
    Level level(String logger) {
        return logger.startsWith(SDK) && !root.isMoreSpecificThan(Level.WARN) ? Level.WARN : root;
    }
}
