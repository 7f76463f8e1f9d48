package io.botfleet.media;

import java.util.List;
import java.util.Optional;

/** The library's records: items, the content-hash claims that keep one copy per content, and campaigns' uses. */
public interface MediaStore {
    record Page(List<MediaItem> items, String lastId) {}

    /** A campaign that names an item. */
    record Use(String campaignId, String botId) {}

    void create(MediaItem pending);

    /** The item, following a duplicate's alias to the item that holds the content. */
    Optional<MediaItem> get(String id);

    /** The item under exactly this id, without following an alias (empty for an alias). */
    Optional<MediaItem> getOwn(String id);

    /** Stores a pending item's outcome; false when it is no longer pending (an event delivered twice). */
    boolean finish(MediaItem processed);

    /**
     * Claims {@code sha256} for {@code id} (a conditional write, so of two uploads of the same content racing, one
     * wins); returns the id that holds the content: {@code id} itself, or the item that claimed it first.
     */
    String claimContent(String sha256, String id);

    /** Turns the pending {@code id} into a second name of {@code holderId}, whose content it turned out to be. */
    void alias(String id, String holderId);

    /** Newest first. */
    Page list(String afterId, int limit);

    /** The item, its content claim, its cached Telegram file ids and its uses. */
    void delete(MediaItem item);

    void used(String id, String campaignId, String botId);

    List<Use> uses(String id);
}
