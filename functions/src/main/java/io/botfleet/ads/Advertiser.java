package io.botfleet.ads;

import java.time.Instant;

/** A business that buys placements in the fleet's bots; {@code version} rises with every change. */
public record Advertiser(String id, String name, String contactEmail, Instant createdAt, String createdBy, long version) {

    public Advertiser edited(String newName, String newContactEmail) {
        return new Advertiser(id, newName, newContactEmail, createdAt, createdBy, version + 1);
    }
}
