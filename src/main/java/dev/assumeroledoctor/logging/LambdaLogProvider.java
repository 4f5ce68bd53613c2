package dev.assumeroledoctor.logging;

import org.apache.logging.log4j.spi.Provider;

/**
 * The Log4j2 API's backend for this function: every {@code LogManager.getLogger} (and the SDK's
 * SLF4J lines, through log4j-slf4j-impl) writes one line in Lambda's own log format, JSON when
 * the function's log format is JSON. It replaces log4j-core and its JSON template layout, whose
 * start-up was about 400 ms of a cold start (about 1,000 classes, whatever the configuration
 * format: README "Performance"); the function's logs never needed more than one fixed layout.
 */
public final class LambdaLogProvider extends Provider {
    public LambdaLogProvider() {
        super(15, "2.6.0", LambdaLogContextFactory.class);
    }
}
