package io.botfleet.broadcast.campaign;

import io.botfleet.broadcast.content.MessageContent;
import java.time.Instant;

/**
 * A broadcast to the subscribers of one bot. {@code version} increases with every change (optimistic concurrency:
 * edits carry the version they were based on).
 *
 * @param paid          send with {@code allow_paid_broadcast} at the bot's paid rate (up to 1,000/s; Telegram charges Stars)
 * @param statusReason  why the platform paused it (e.g. {@code token revoked}, or Telegram's description of a content
 *                      error every recipient would get); null when an admin changed the status, and cleared by the
 *                      next change
 */
public record Campaign(String id, String botId, String name, MessageContent content, AudienceFilter audience,
                       boolean paid, DeliveryPolicy policy, CampaignStatus status, long version,
                       Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt, String statusReason) {

    public Campaign withStatus(CampaignStatus next, Instant at) {
        return withStatus(next, at, null);
    }

    public Campaign withStatus(CampaignStatus next, Instant at, String reason) {
        Instant started = next == CampaignStatus.RUNNING && startedAt == null ? at : startedAt;
        Instant finished = switch (next) {
            case COMPLETED, CANCELLED, FAILED -> at;
            default -> finishedAt;
        };
        return new Campaign(id, botId, name, content, audience, paid, policy, next, version + 1, createdAt, createdBy, started,
                finished, reason);
    }

    public Campaign withDraft(String newName, MessageContent newContent, AudienceFilter newAudience, boolean newPaid,
                              DeliveryPolicy newPolicy) {
        return new Campaign(id, botId, newName, newContent, newAudience, newPaid, newPolicy, status, version + 1,
                createdAt, createdBy, startedAt, finishedAt, statusReason);
    }
}
