package io.botfleet.bots;

import io.botfleet.ownership.Fence;
import io.botfleet.shared.paging.Page;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Bot profiles and webhook health (bots table). */
public interface BotStore {

    /** False when the bot is already registered. */
    boolean create(Bot bot);

    Optional<Bot> get(String botId);

    /** Newest first. */
    Page<Bot> list(Optional<Map<String, String>> startKey, int limit);

    /** Writes {@code bot} with version {@code expectedVersion + 1}; throws {@link VersionConflict} if it changed. */
    Bot update(Bot bot, long expectedVersion);

    /**
     * Records that the bot's token was refused (401) at {@code at}, unless the stored token is no longer the one
     * masked {@code tokenMask} (replaced meanwhile) or it was recorded before. Moves the version, so an edit based
     * on an older read cannot drop the flag.
     *
     * @return whether this call set it
     */
    boolean flagTokenRevoked(String botId, String tokenMask, java.time.Instant at);

    /** Sets the webhook state, fenced by the owner's lease. */
    void setWebhookState(String botId, String state, Fence fence);

    /**
     * Records the webhook attached with the secret whose {@link WebhookSecrets#hashFor hash} is given, for the
     * fence's epoch, fenced by the owner's lease.
     */
    void attachWebhook(String botId, String secretHash, Fence fence);

    /** Records webhook health, fenced by the owner's lease. */
    void putWebhookHealth(WebhookHealth health, Fence fence);

    Optional<WebhookHealth> webhookHealth(String botId);

    /** The webhook health of these bots, read together for an overview (bots never checked are absent). */
    default Map<String, WebhookHealth> webhookHealth(Collection<String> botIds) {
        Map<String, WebhookHealth> found = new HashMap<>();
        botIds.forEach(id -> webhookHealth(id).ifPresent(h -> found.put(id, h)));
        return found;
    }

    /** Deletes the profile and per-bot items (webhook health, pacing, file cache); the lease stays (epochs never repeat). */
    void delete(String botId);

    final class VersionConflict extends RuntimeException {
        public VersionConflict(String botId) {
            super("bot " + botId + " was changed concurrently", null, false, false);
        }
    }
}
