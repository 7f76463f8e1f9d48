package io.botfleet.shared.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A named logger: asks {@link LogLevels} whether a level is on, formats SLF4J's {@code {}} messages, writes a line. */
final class JsonLogger extends LegacyAbstractLogger {
    private final transient LogLevels levels;
    private final transient JsonLogWriter writer;

    JsonLogger(String name, LogLevels levels, JsonLogWriter writer) {
        this.name = name;
        this.levels = levels;
        this.writer = writer;
    }

    private boolean enabled(Level level) {
        return levels.enabled(name, level);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        writer.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
