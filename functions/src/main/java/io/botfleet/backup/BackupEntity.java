package io.botfleet.backup;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an export holds, one gzip NDJSON file each, in the order an import writes them. Each entity is a set of item
 * types of one table (docs/backup-restore.md lists them); what is left out is named by {@link Manifest#EXCLUDED}.
 */
public enum BackupEntity {
    /** Bot profiles, without their tokens. */
    BOTS("bots"),
    /** Subscribers with their tags and states, and each bot's counters. */
    SUBSCRIBERS("subscribers"),
    /** Campaigns (content, audience, schedule, status) and their progress counters. */
    CAMPAIGNS("campaigns"),
    /** Advertisers, ad orders and ad clicks. */
    ADS("ads"),
    /** The delivery ledger: one chunk per send batch, every recipient's outcome. */
    DELIVERIES("deliveries"),
    /** The media library's records: items, aliases, content claims, uses and Telegram file ids per bot. */
    MEDIA("media"),
    /** The audit log. */
    AUDIT("audit"),
    /** Analytics counters by hour and day and the daily active chats. */
    STATS("stats");

    private final String label;

    BackupEntity(String label) {
        this.label = label;
    }

    /** The entity's name in manifests, file names and the API. */
    public String label() {
        return label;
    }

    public String fileName() {
        return label + ".ndjson.gz";
    }

    public static Optional<BackupEntity> of(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }
}
