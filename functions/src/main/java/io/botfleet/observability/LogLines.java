package io.botfleet.observability;

import java.util.List;

/**
 * Log events read for a {@link LogSelection}, oldest first per function.
 *
 * @param truncated more events matched than the selection's limit allowed to read
 */
public record LogLines(List<LogLine> lines, boolean truncated) {
    public LogLines {
        lines = List.copyOf(lines);
    }
}
