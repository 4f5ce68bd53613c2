package dev.assumeroledoctor.logging;

import java.net.URI;
import org.apache.logging.log4j.spi.LoggerContext;
import org.apache.logging.log4j.spi.LoggerContextFactory;

/** One logger context for the whole function: there is one configuration, read from the environment. */
public final class LambdaLogContextFactory implements LoggerContextFactory {
    private static final LambdaLogContext CONTEXT = new LambdaLogContext(LogSettings.fromEnvironment(System.getenv()));

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext) {
        return CONTEXT;
    }

    @Override
    public LoggerContext getContext(String fqcn, ClassLoader loader, Object externalContext, boolean currentContext, URI configLocation,
                                    String name) {
        return CONTEXT;
    }

    @Override
    public void removeContext(LoggerContext context) {
        // the one context lives as long as the function
    }

    @Override
    public boolean isClassLoaderDependent() {
        return false;
    }
}
