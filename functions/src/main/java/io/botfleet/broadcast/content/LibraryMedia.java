package io.botfleet.broadcast.content;

import java.util.Optional;

/** The media library as campaigns see it: what a {@code mediaId} names, and who uses it. */
public interface LibraryMedia {
    /**
     * An item as a campaign may use it.
     *
     * @param id        the item's own id (a duplicate upload's id names the item that holds its content)
     * @param validated whether the media function checked and accepted its bytes
     */
    record Item(String id, MediaKind kind, boolean validated, String status) {}

    Optional<Item> find(String mediaId);

    /** Notes that a campaign sends the item, so that it is not deleted while the campaign may still send it. */
    void usedBy(String mediaId, String campaignId, String botId);

    /** No library: every media id is unknown. */
    LibraryMedia NONE = new LibraryMedia() {
        @Override
        public Optional<Item> find(String mediaId) {
            return Optional.empty();
        }

        @Override
        public void usedBy(String mediaId, String campaignId, String botId) {}
    };
}
