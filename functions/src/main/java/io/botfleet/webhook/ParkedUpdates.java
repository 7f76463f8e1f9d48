package io.botfleet.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Updates the webhook acknowledged without processing them, kept per bot for an admin to read. Telegram delivers a
 * bot's updates in order and retries a failed one until it gets a 2xx, so one update the webhook can never process
 * would hold up every later one; parking it lets Telegram move on while nothing is silently lost.
 */
public interface ParkedUpdates {
    /** The longest raw update kept (UTF-16 units): enough to diagnose, far below DynamoDB's item limit. */
    int RAW_MAX = 8 * 1024;
    int REASON_MAX = 512;

    /**
     * @param updateId  empty when the body had no usable {@code update_id}
     * @param attempts  deliveries that failed before it was parked (1 for a body that cannot be an update)
     * @param reason    why, for an admin
     * @param raw       the body as received (cleaned and cut to {@link #RAW_MAX})
     * @param rawBytes  the body's full size, so a cut body is recognisable
     */
    record ParkedUpdate(String botId, OptionalLong updateId, Instant parkedAt, int attempts, String reason, String raw,
                        int rawBytes) {

        public static ParkedUpdate of(String botId, OptionalLong updateId, Instant at, int attempts, String reason, byte[] body) {
            return new ParkedUpdate(botId, updateId, at, attempts, TelegramText.clean(reason, REASON_MAX),
                    TelegramText.clean(new String(body, StandardCharsets.UTF_8), RAW_MAX), body.length);
        }
    }

    void park(ParkedUpdate update);

    /** A bot's parked updates, newest first, at most {@code limit} (1–200) of those not yet expired. */
    List<ParkedUpdate> list(String botId, int limit);
}
