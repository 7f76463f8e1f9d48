package io.botfleet.shared.logging;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Which levels are on: the root level from {@code POWERTOOLS_LOG_LEVEL} (INFO by default; Powertools lowers it to
 * DEBUG for a sampled invocation through {@link PowertoolsLogLevels}), and fixed floors for the libraries whose
 * INFO and DEBUG lines are noise in a function's log.
 */
public final class LogLevels {
    private static final Map<String, Level> LIBRARY_FLOORS = Map.of(
            "software.amazon.awssdk", Level.WARN,
            "org.springframework", Level.WARN);
    private static final LogLevels GLOBAL = new LogLevels(parse(System.getenv("POWERTOOLS_LOG_LEVEL"), Level.INFO));

    private volatile Level root;

    LogLevels(Level root) {
        this.root = root;
    }

    static LogLevels global() {
        return GLOBAL;
    }

    static Level parse(String name, Level fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR", "FATAL", "CRITICAL" -> Level.ERROR;
            default -> fallback;
        };
    }

    Level root() {
        return root;
    }

    void root(Level level) {
        root = level;
    }

    /** Is {@code level} logged for the logger {@code name}? (SLF4J's levels: a lower int is more verbose.) */
    boolean enabled(String name, Level level) {
        int threshold = root.toInt();
        for (Map.Entry<String, Level> floor : LIBRARY_FLOORS.entrySet()) {
            if (name.startsWith(floor.getKey())) {
                threshold = Math.max(threshold, floor.getValue().toInt());
            }
        }
        return level.toInt() >= threshold;
    }
}
