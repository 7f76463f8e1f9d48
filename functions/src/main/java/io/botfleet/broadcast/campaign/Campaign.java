package io.botfleet.broadcast.campaign;

import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.send.DeliveryPolicy;
import java.time.Instant;

/**
 * A broadcast to the subscribers of one bot. {@code version} increases with every change (optimistic concurrency:
 * edits carry the version they were based on).
 *
 * @param paid  send with {@code allow_paid_broadcast} at the bot's paid rate (up to 1,000/s; Telegram charges Stars)
 */
public record Campaign(String id, String botId, String name, MessageContent content, AudienceFilter audience,
                       boolean paid, DeliveryPolicy policy, CampaignStatus status, long version,
                       Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt) {

    public Campaign withStatus(CampaignStatus next, Instant at) {
        Instant started = next == CampaignStatus.RUNNING && startedAt == null ? at : startedAt;
        Instant finished = switch (next) {
            case COMPLETED, CANCELLED, FAILED -> at;
            default -> finishedAt;
        };
        return new Campaign(id, botId, name, content, audience, paid, policy, next, version + 1, createdAt, createdBy, started, finished);
    }

    public Campaign withDraft(String newName, MessageContent newContent, AudienceFilter newAudience, boolean newPaid,
                              DeliveryPolicy newPolicy) {
        return new Campaign(id, botId, newName, newContent, newAudience, newPaid, newPolicy, status, version + 1,
                createdAt, createdBy, startedAt, finishedAt);
    }
}
