package dev.assumeroledoctor.logging;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessageFactory;
import org.apache.logging.log4j.simple.SimpleLogger;
import org.apache.logging.log4j.util.PropertiesUtil;

/**
 * One logger: the Log4j2 API's simple logger for levels and message formatting, writing each
 * event as one line through Lambda's own logger ({@link LambdaRuntime#getLogger()}: the runtime's
 * framed log sink in Lambda, so a multi-line message stays one log event; standard output
 * elsewhere), in the layout of {@link LogLine}.
 */
final class LambdaLog extends SimpleLogger {
    private static final long serialVersionUID = 1L;
    private static final PrintStream UNUSED = new PrintStream(OutputStream.nullOutputStream());
    private final transient LogSettings settings;

    LambdaLog(String name, Level level, LogSettings settings) {
        super(name, level, false, false, false, false, null, ParameterizedMessageFactory.INSTANCE, PropertiesUtil.getProperties(), UNUSED);
        this.settings = settings;
    }

    @Override
    public void logMessage(String fqcn, Level level, Marker marker, Message message, Throwable thrown) {
        String line = settings.json()
                ? LogLine.json(Instant.now(), level, getName(), message.getFormattedMessage(), ThreadContext.getImmutableContext(), thrown)
                : LogLine.text(Instant.now(), level, getName(), message.getFormattedMessage(), ThreadContext.get("AWSRequestId"), thrown);
        LambdaRuntime.getLogger().log(line.getBytes(StandardCharsets.UTF_8), lambdaLevel(level));
    }

    private static LogLevel lambdaLevel(Level level) {
        return switch (level.getStandardLevel()) {
            case FATAL -> LogLevel.FATAL;
            case ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARN;
            case INFO -> LogLevel.INFO;
            case DEBUG -> LogLevel.DEBUG;
            default -> LogLevel.TRACE;
        };
    }
}
