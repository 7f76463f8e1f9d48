package io.botfleet.subscribers;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One chat of a bot. Rows read from the {@code byStatus} index carry only the projected attributes ({@code chatType}
 * and {@code blockedAt} are then empty).
 *
 * @param status {@code active} (the only status campaigns reach); {@code blocked} (blocked the bot; undone by /start or
 *               unblocking); {@code left} (/stop); {@code kicked} (a group that removed the bot); {@code deactivated}
 *               (the account was deleted: Telegram answers "user is deactivated", for good); {@code not_started} (never
 *               started the bot: Telegram answers "bot can't initiate conversation with a user" until they write)
 */
public record Subscriber(String botId, String chatId, String status, String chatType, String firstName, String username,
                         String language, Set<String> tags, String source, Instant joinedAt, Optional<Instant> lastSeenAt,
                         Optional<Instant> blockedAt) {

    public static final String ACTIVE = "active";
    public static final String BLOCKED = "blocked";
    public static final String LEFT = "left";
    public static final String KICKED = "kicked";
    public static final String DEACTIVATED = "deactivated";
    public static final String NOT_STARTED = "not_started";
    public static final java.util.List<String> STATUSES = java.util.List.of(ACTIVE, BLOCKED, LEFT, KICKED, DEACTIVATED, NOT_STARTED);

    public Subscriber {
        tags = Set.copyOf(tags);
    }
}
