package dev.assumeroledoctor.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.message.MessageFactory;
import org.apache.logging.log4j.spi.ExtendedLogger;
import org.apache.logging.log4j.spi.LoggerContext;

/**
 * The loggers by name: a deliberate cache, bounded by the logger names the code and its
 * libraries use (one per class that logs), thread-safe.
 */
final class LambdaLogContext implements LoggerContext {
    private final Map<String, LambdaLog> loggers = new ConcurrentHashMap<>();
    private final LogSettings settings;

    LambdaLogContext(LogSettings settings) {
        this.settings = settings;
        // the first line's layout is built now, when loggers are created at init (as log4j-core did), not in the first event
        String ignored = settings.json() ? LogLine.json(java.time.Instant.EPOCH, org.apache.logging.log4j.Level.INFO, "init", "", Map.of(), null)
                : LogLine.text(java.time.Instant.EPOCH, org.apache.logging.log4j.Level.INFO, "init", "", null, null);
        com.amazonaws.services.lambda.runtime.LambdaRuntime.getLogger();
    }

    @Override
    public Object getExternalContext() {
        return null;
    }

    @Override
    public ExtendedLogger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new LambdaLog(n, settings.level(n), settings));
    }

    @Override
    public ExtendedLogger getLogger(String name, MessageFactory messageFactory) {
        return getLogger(name);
    }

    @Override
    public boolean hasLogger(String name) {
        return loggers.containsKey(name);
    }

    @Override
    public boolean hasLogger(String name, Class<? extends MessageFactory> messageFactoryClass) {
        return hasLogger(name);
    }

    @Override
    public boolean hasLogger(String name, MessageFactory messageFactory) {
        return hasLogger(name);
    }
}
