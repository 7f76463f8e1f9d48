package io.botfleet.media;

import java.time.Instant;
import java.util.Optional;

/**
 * Telegram file ids of library items, one per item and bot (a file_id is valid only for the bot that uploaded it).
 * The first sender to need one claims the upload with a conditional write; others wait for its file_id instead of
 * uploading the same file again.
 */
public interface FileIds {
    /** An item's upload for one bot: done ({@code fileId} set) or claimed by {@code owner} until {@code claimedUntil}. */
    record Slot(String fileId, String owner, Instant claimedUntil) {
        public boolean done() {
            return fileId != null;
        }
    }

    Optional<Slot> get(String mediaId, String botId);

    /** Succeeds when no file_id is stored and no unexpired claim is held by another owner. */
    boolean claim(String mediaId, String botId, String owner, Instant until, Instant now);

    /** Stores the file_id the claimed upload returned. */
    void save(String mediaId, String botId, String owner, String fileId);

    /** Gives a claim up (the upload failed), so that the next sender claims it at once. */
    void release(String mediaId, String botId, String owner);
}
