package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import java.time.Instant;
import java.util.Optional;

/**
 * Records that an update was processed, together with what it changed, atomically: the dedupe record, the fence
 * check on the owner's lease and the subscriber change commit in one transaction or not at all.
 */
public interface UpdateLedger {

    /** The private chat an update came from, as Telegram describes the user. */
    record Contact(String chatId, String chatType, String firstName, String username, String language) {}

    /**
     * @param newStatus the subscriber status the update asks for ({@code /start}, {@code /stop}, {@code my_chat_member}),
     *                  empty for an ordinary message that only refreshes the subscriber
     * @param source    acquisition source ({@code /start <payload>}), kept from the first time it is set
     */
    record UpdateRecord(String botId, long updateId, Fence fence, Optional<Contact> contact, Optional<String> newStatus,
                        Optional<String> source, Instant at) {}

    enum Result { DONE, DUPLICATE, FENCED }

    /** {@code previousStatus} empty means the subscriber is new; {@code statusChanged} is false when nothing changed. */
    record Outcome(Result result, Optional<String> previousStatus, String status, boolean statusChanged) {
        static Outcome of(Result r) {
            return new Outcome(r, Optional.empty(), "", false);
        }
    }

    Outcome record(UpdateRecord record);

    /** Removes the dedupe record after a failure later in processing, so Telegram's retry is processed. */
    void forget(String botId, long updateId);

    /**
     * Counts one failed attempt to process an update and returns how many there have been (within the dedupe
     * window), so that an update that keeps failing can be parked instead of being retried by Telegram forever.
     */
    int failedAttempt(String botId, long updateId, Instant at);
}
