package io.botfleet.webhook;

import io.botfleet.ownership.Fence;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What the stream consumer does to subscribers for ordinary updates: read them, refresh them, add a first contact. */
public interface SubscriberRefresh {

    /** What a refresh compares: the stored names, the hour last seen, and the last status change's update. */
    record Seen(UpdateLedger.Contact contact, String lastSeenHour, String status, OptionalLong statusUpdateId,
                String previousStatus) {}

    enum Join { JOINED, EXISTS, FENCED }

    /** The stored subscribers among these chats of the bot (absent ones are left out). */
    Map<String, Seen> read(String botId, Collection<String> chatIds);

    /** Sets the contact's names and the hour last seen on the subscriber, if it exists. */
    void refresh(String botId, UpdateLedger.Contact contact, Instant at);

    /**
     * A chat's first contact without /start: an active subscriber and the counters, in one transaction checked
     * against the fence; {@code EXISTS} when the subscriber is there already.
     */
    Join join(Fence fence, long updateId, UpdateLedger.Contact contact, Instant at, Optional<String> source);
}
