package io.botfleet.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which log events to read: those of some functions between two instants whose JSON carries the given field values
 * and numbers (≥ 0) in the given fields, at most {@code limit} of them. Bounded, since reading logs costs per byte scanned and a
 * Lambda answer is at most 6 MB.
 *
 * @param functions     the functions' names (as {@link LogArchive#functions()} lists them), in the order to read them
 * @param fieldEquals   top-level JSON fields and the value each must have
 * @param numericFields top-level JSON fields each event must have a number (at least 0) in
 */
public record LogSelection(List<String> functions, Map<String, String> fieldEquals, List<String> numericFields,
                           Instant from, Instant to, int limit) {
    /** The longest range one request reads. */
    public static final Duration MAX_RANGE = Duration.ofHours(24);
    /** The most events one request reads. */
    public static final int MAX_LIMIT = 10_000;

    public LogSelection {
        functions = List.copyOf(functions);
        fieldEquals = Map.copyOf(fieldEquals);
        numericFields = List.copyOf(numericFields);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("no function to read");
        }
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("range must be positive and at most " + MAX_RANGE);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
