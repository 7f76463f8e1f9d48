package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records that an update was accepted, with its events, in one item whose write is the dedupe: an ordinary update is
 * one conditional write, which the stream consumer applies (fence check, subscriber refresh, counting); a status
 * change also commits the subscriber change, the counters and the fence check on the owner's lease in the same
 * transaction, so it is answered — and fenced — synchronously.
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
                        Optional<String> source, Instant at, String chatId) {

        /** An update from a private chat, or none: the chat is the contact's. */
        public UpdateRecord(String botId, long updateId, Fence fence, Optional<Contact> contact, Optional<String> newStatus,
                            Optional<String> source, Instant at) {
            this(botId, updateId, fence, contact, newStatus, source, at, contact.map(Contact::chatId).orElse(""));
        }
    }

    enum Result { DONE, DUPLICATE, FENCED }

    /** {@code previousStatus} empty means the subscriber is new; {@code statusChanged} is false when nothing changed. */
    record Outcome(Result result, Optional<String> previousStatus, String status, boolean statusChanged) {
        static Outcome of(Result r) {
            return new Outcome(r, Optional.empty(), "", false);
        }
    }

    /**
     * @param events the update's events given its outcome (a status change adds one), written with the update for
     *               the stream consumer to count
     */
    Outcome record(UpdateRecord record, Function<Outcome, List<BotEvent>> events);

    /** An update recorded without events. */
    default Outcome record(UpdateRecord record) {
        return record(record, outcome -> List.of());
    }

    /**
     * Removes the accepted update after a failure later in processing, so Telegram's retry is processed (the stream
     * consumer may have applied the first acceptance already: everything it does is safe to repeat).
     */
    void forget(String botId, long updateId);

    /**
     * Counts one failed attempt to process an update and returns how many there have been (within the dedupe
     * window), so that an update that keeps failing can be parked instead of being retried by Telegram forever.
     */
    int failedAttempt(String botId, long updateId, Instant at);
}
