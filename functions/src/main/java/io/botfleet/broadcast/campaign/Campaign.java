package io.botfleet.broadcast.campaign;

import com.fasterxml.jackson.annotation.JsonIgnore;
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
 * @param schedule      when it starts by itself (null: when an admin starts it)
 * @param seriesId      for a run of a recurring campaign, the series it was copied from (null otherwise)
 * @param occurrence    for a run, the occurrence of the series' schedule it is (the run's identity within the series)
 */
public record Campaign(String id, String botId, String name, MessageContent content, AudienceFilter audience,
                       boolean paid, DeliveryPolicy policy, CampaignStatus status, long version,
                       Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt, String statusReason,
                       CampaignSchedule schedule, String seriesId, Instant occurrence) {

    /** A campaign that is neither scheduled nor a run of a series. */
    public Campaign(String id, String botId, String name, MessageContent content, AudienceFilter audience,
                    boolean paid, DeliveryPolicy policy, CampaignStatus status, long version,
                    Instant createdAt, String createdBy, Instant startedAt, Instant finishedAt, String statusReason) {
        this(id, botId, name, content, audience, paid, policy, status, version, createdAt, createdBy, startedAt, finishedAt,
                statusReason, null, null, null);
    }

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
                finished, reason, schedule, seriesId, occurrence);
    }

    public Campaign withDraft(String newName, MessageContent newContent, AudienceFilter newAudience, boolean newPaid,
                              DeliveryPolicy newPolicy) {
        return new Campaign(id, botId, newName, newContent, newAudience, newPaid, newPolicy, status, version + 1,
                createdAt, createdBy, startedAt, finishedAt, statusReason, schedule, seriesId, occurrence);
    }

    /** The next version with {@code newSchedule} (null: none) in {@code newStatus}; a status change clears the reason. */
    public Campaign withSchedule(CampaignSchedule newSchedule, CampaignStatus newStatus) {
        return new Campaign(id, botId, name, content, audience, paid, policy, newStatus, version + 1, createdAt, createdBy,
                startedAt, finishedAt, newStatus == status ? statusReason : null, newSchedule, seriesId, occurrence);
    }

    /** The run of this series for {@code at}: the same message and audience, waiting to be started. */
    public Campaign runFor(String runId, Instant at, Instant now) {
        return new Campaign(runId, botId, name, content, audience, paid, policy, CampaignStatus.SCHEDULED, 1, now, createdBy,
                null, null, null, null, id, at);
    }

    @JsonIgnore // derived from seriesId, not a property of its own
    public boolean isRun() {
        return seriesId != null;
    }
}
