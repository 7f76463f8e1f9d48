package io.botfleet.live;

import java.util.Optional;

/** The topics dashboards follow and how their names read. */
public final class LiveTopics {
    /** Processed recipients and planned batches of one campaign stay below this; the campaign's version goes above. */
    static final long PROGRESS_SPAN = 1L << 32;

    private LiveTopics() {}

    public static String campaign(String botId, String campaignId) {
        return "campaign:" + botId + ":" + campaignId;
    }

    public static String bot(String botId) {
        return "bot:" + botId;
    }

    /** A campaign topic's bot and campaign ids. */
    public record CampaignTopic(String botId, String campaignId) {}

    public static Optional<CampaignTopic> parseCampaign(String topic) {
        String[] parts = topic.split(":", -1);
        return parts.length == 3 && parts[0].equals("campaign") && !parts[1].isEmpty() && !parts[2].isEmpty()
                ? Optional.of(new CampaignTopic(parts[1], parts[2])) : Optional.empty();
    }

    /** A bot topic's bot id. */
    public static Optional<String> parseBot(String topic) {
        return topic.startsWith("bot:") && topic.length() > 4 && topic.indexOf(':', 4) < 0
                ? Optional.of(topic.substring(4)) : Optional.empty();
    }

    /**
     * A campaign state's version: the campaign's own version (every status change raises it) above its progress
     * (which only grows while the version stays), so either change makes a newer state. Below 2^53 while the
     * campaign has fewer than 2^21 changes, so a browser reads it exactly.
     */
    public static long campaignVersion(long campaignVersion, long progress) {
        return campaignVersion * PROGRESS_SPAN + Math.min(progress, PROGRESS_SPAN - 1);
    }
}
