package io.botfleet.subscribers;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One chat of a bot. Rows read from the {@code byStatus} index carry only the projected attributes ({@code chatType}
 * and {@code blockedAt} are then empty).
 *
 * @param status {@code active}, {@code blocked}, {@code left}
 */
public record Subscriber(String botId, String chatId, String status, String chatType, String firstName, String username,
                         String language, Set<String> tags, String source, Instant joinedAt, Optional<Instant> lastSeenAt,
                         Optional<Instant> blockedAt) {

    public static final String ACTIVE = "active";
    public static final String BLOCKED = "blocked";
    public static final String LEFT = "left";
    public static final java.util.List<String> STATUSES = java.util.List.of(ACTIVE, BLOCKED, LEFT);

    public Subscriber {
        tags = Set.copyOf(tags);
    }
}
