package io.botfleet.shared.logging;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * Lets Powertools set the log level (from {@code POWERTOOLS_LOG_LEVEL}, or DEBUG for a sampled invocation) on this
 * backend, as its log4j and logback modules do for theirs; found through {@code META-INF/services}.
 */
public final class PowertoolsLogLevels implements LoggingManager {
    @Override
    public void setLogLevel(Level level) {
        LogLevels.global().root(level);
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return LogLevels.global().root();
    }
}
