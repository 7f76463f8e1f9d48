package io.botfleet.api;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.content.MessageContent;
import java.time.Instant;

/** A campaign as the API shows it; {@code statusReason} says why the platform paused it (null otherwise). */
public record CampaignView(String id, String botId, String name, String status, String statusReason, long version, MessageContent content,
                    AudienceFilter audience, boolean paid, String deliveryPolicy, Instant createdAt, String createdBy,
                    Instant startedAt, Instant finishedAt) {

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id(), c.botId(), c.name(), c.status().json(), c.statusReason(), c.version(), c.content(), c.audience(),
                c.paid(), c.policy().name().toLowerCase(java.util.Locale.ROOT), c.createdAt(), c.createdBy(),
                c.startedAt(), c.finishedAt());
    }
}
