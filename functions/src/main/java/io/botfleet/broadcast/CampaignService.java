package io.botfleet.broadcast;

import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignDraft;
import io.botfleet.broadcast.campaign.CampaignLifecycle.Transition;
import io.botfleet.broadcast.campaign.CampaignLifecycle;
import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.ScheduleRelease;
import io.botfleet.broadcast.content.LibraryMedia;
import io.botfleet.broadcast.content.Media;
import io.botfleet.broadcast.content.MediaKind;
import io.botfleet.broadcast.content.TelegramSendRequest;
import io.botfleet.broadcast.content.TelegramSendRequests;
import io.botfleet.broadcast.plan.CampaignStarts;
import io.botfleet.broadcast.plan.SendQueue;
import io.botfleet.broadcast.send.BotSendProfile;
import io.botfleet.broadcast.send.BotSendProfiles;
import io.botfleet.broadcast.send.DeliveryLedger;
import io.botfleet.broadcast.send.LedgerChunk;
import io.botfleet.broadcast.send.MessageTransport;
import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.ids.Ulid;
import io.botfleet.telegram.TelegramApiException;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What admins do with campaigns: compose, edit, test, start, pause, resume, cancel. */
public final class CampaignService {
    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

    private final CampaignStore store;
    private final CampaignLifecycle lifecycle;
    private final CampaignStarts starts;
    private final SendQueue sendQueue;
    private final DeliveryLedger ledger;
    private final BotSendProfiles bots;
    private final MessageTransport telegram;
    private final LibraryMedia library;
    private final Clock clock;
    private final ScheduleRelease schedules;

    public CampaignService(CampaignStore store, CampaignLifecycle lifecycle, CampaignStarts starts, SendQueue sendQueue,
                           DeliveryLedger ledger, BotSendProfiles bots, TelegramBotApi telegram, Clock clock) {
        this(store, lifecycle, starts, sendQueue, ledger, bots, MessageTransport.direct(telegram), LibraryMedia.NONE, clock,
                ScheduleRelease.NONE);
    }

    /**
     * @param telegram  how messages go out; with a media library it must upload library files
     * @param library   what a campaign's {@code mediaId} names
     * @param schedules told when a scheduled campaign is started now or cancelled, so its trigger goes
     */
    public CampaignService(CampaignStore store, CampaignLifecycle lifecycle, CampaignStarts starts, SendQueue sendQueue,
                           DeliveryLedger ledger, BotSendProfiles bots, MessageTransport telegram, LibraryMedia library,
                           Clock clock, ScheduleRelease schedules) {
        this.library = library;
        this.schedules = schedules;
        this.store = store;
        this.lifecycle = lifecycle;
        this.starts = starts;
        this.sendQueue = sendQueue;
        this.ledger = ledger;
        this.bots = bots;
        this.telegram = telegram;
        this.clock = clock;
    }

    public Campaign create(String botId, CampaignDraft draft, String createdBy) {
        BotSendProfile bot = bot(botId);
        requirePaidAllowed(bot, draft);
        LibraryMedia.Item media = requireLibraryMedia(draft);
        Campaign campaign = new Campaign(Ulid.next(clock.instant()), botId, draft.name(), draft.content(),
                draft.audienceOrAll(), Boolean.TRUE.equals(draft.paid()), draft.policy(), CampaignStatus.DRAFT, 1,
                clock.instant(), createdBy, null, null, null);
        store.create(campaign);
        if (media != null) {
            library.usedBy(media.id(), campaign.id(), botId);
        }
        return campaign;
    }

    public Campaign get(String campaignId) {
        return store.get(campaignId).orElseThrow(() -> Refusal.notFound("CAMPAIGN_NOT_FOUND", "No campaign " + campaignId));
    }

    /** Optimistic concurrency: the edit names the version it was based on; someone else's change wins → 412. */
    public Campaign update(String campaignId, CampaignDraft draft, long expectedVersion) {
        Campaign current = get(campaignId);
        if (current.version() != expectedVersion) {
            throw versionConflict(current);
        }
        if (!current.status().editable()) {
            throw Refusal.conflict("CAMPAIGN_NOT_EDITABLE", "A " + current.status().json() + " campaign cannot be edited");
        }
        requirePaidAllowed(bot(current.botId()), draft);
        LibraryMedia.Item media = requireLibraryMedia(draft);
        if (media != null) {
            // before the change: a use noted for an edit that then loses the race only delays a deletion check
            library.usedBy(media.id(), campaignId, current.botId());
        }
        Campaign updated = current.withDraft(draft.name(), draft.content(), draft.audienceOrAll(),
                Boolean.TRUE.equals(draft.paid()), draft.policy());
        if (!store.replace(updated, expectedVersion)) {
            throw versionConflict(get(campaignId));
        }
        return updated;
    }

    public static Refusal versionConflict(Campaign current) {
        return Refusal.staleVersion("VERSION_CONFLICT", "The campaign changed meanwhile; its current version is " + current.version());
    }

    public Campaign start(String campaignId) {
        Campaign current = get(campaignId);
        if (current.status() == CampaignStatus.PAUSED) {
            return resume(campaignId);
        }
        if (current.schedule() != null && current.schedule().recurring()) {
            throw Refusal.conflict("CAMPAIGN_IS_SERIES", "A recurring campaign starts a run at each occurrence; it is not started itself");
        }
        Campaign started = moved(lifecycle.move(campaignId, CampaignStatus.RUNNING), "start");
        starts.requestStart(campaignId);
        if (current.status() == CampaignStatus.SCHEDULED) {
            schedules.released(started);
        }
        return started;
    }

    public Campaign pause(String campaignId) {
        return moved(lifecycle.move(campaignId, CampaignStatus.PAUSED), "pause");
    }

    public Campaign cancel(String campaignId) {
        Campaign cancelled = moved(lifecycle.move(campaignId, CampaignStatus.CANCELLED), "cancel");
        if (cancelled.schedule() != null) {
            schedules.released(cancelled);
        }
        return cancelled;
    }

    /**
     * Back to running: batches a pause stopped are queued again from the ledger (with a fresh deduplication id), and
     * the planner continues if it had not finished.
     */
    public Campaign resume(String campaignId) {
        Campaign resumed = moved(lifecycle.move(campaignId, CampaignStatus.RUNNING), "resume");
        int attempt = (int) (resumed.version() % 1_000_000);
        String cursor = null;
        do {
            DeliveryLedger.Page page = ledger.page(campaignId, cursor, 100);
            List<SendBatch> unfinished = new ArrayList<>();
            for (LedgerChunk chunk : page.chunks()) {
                if (!chunk.complete()) {
                    unfinished.add(chunk.batch());
                }
            }
            if (!unfinished.isEmpty()) {
                sendQueue.enqueue(unfinished, attempt, resumed.paid());
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        CampaignProgress progress = store.progress(campaignId);
        if (!progress.planned()) {
            starts.requestStart(campaignId);
        } else if (progress.allBatchesDone()) {
            // the last batch ended while the campaign was paused: no sender will come back to complete it
            lifecycle.completeIfDone(campaignId, progress);
            return get(campaignId);
        }
        return resumed;
    }

    /** Sends the campaign's message to a few admin chats now, outside any audience and ledger. */
    public List<Map<String, Object>> test(String campaignId, List<Long> chatIds) {
        Campaign campaign = get(campaignId);
        BotSendProfile bot = bot(campaign.botId());
        List<Map<String, Object>> results = new ArrayList<>();
        for (long chatId : chatIds) {
            TelegramSendRequest request = TelegramSendRequests.forChat(campaign.content(), chatId, false, null);
            try {
                long messageId = telegram.send(bot, request);
                results.add(Map.of("chatId", chatId, "ok", true, "messageId", messageId));
            } catch (TelegramApiException e) {
                results.add(Map.of("chatId", chatId, "ok", false, "error", e.errorCode() + " " + e.description()));
            }
        }
        return results;
    }

    public CampaignProgress progress(String campaignId) {
        return store.progress(campaignId);
    }

    private static Campaign moved(Transition transition, String action) {
        return switch (transition) {
            case Transition.Moved m -> {
                // the invoker clears the MDC after each invocation
                MDC.put("campaign_id", m.campaign().id());
                MDC.put("bot_id", m.campaign().botId());
                log.info("campaign {} of bot {}: {} (now {}, version {})", m.campaign().id(), m.campaign().botId(), action,
                        m.campaign().status().json(), m.campaign().version());
                yield m.campaign();
            }
            case Transition.NotAllowed n -> throw Refusal.conflict("INVALID_TRANSITION",
                    "Cannot " + action + " a " + n.current().status().json() + " campaign");
            case Transition.Missing m -> throw Refusal.notFound("CAMPAIGN_NOT_FOUND", "No such campaign");
            case Transition.Busy b -> throw Refusal.conflict("CAMPAIGN_BUSY", "The campaign is changing right now; try again");
        };
    }

    private BotSendProfile bot(String botId) {
        return bots.forBot(botId).orElseThrow(() -> Refusal.notFound("BOT_NOT_FOUND", "No bot " + botId));
    }

    /** A library item the content names must exist, be validated and be of the kind the content sends it as. */
    private LibraryMedia.Item requireLibraryMedia(CampaignDraft draft) {
        Media media = draft.content() == null ? null : draft.content().media();
        if (media == null || media.mediaId() == null) {
            return null;
        }
        String field = "content.media.mediaId";
        LibraryMedia.Item item = library.find(media.mediaId()).orElseThrow(() -> Refusal.invalidFields(List.of(
                new Refusal.FieldError(field, "MEDIA_NOT_FOUND", "No media library item " + media.mediaId()))));
        if (!item.validated()) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError(field, "MEDIA_NOT_VALIDATED",
                    "Media " + item.id() + " is " + item.status() + ", not validated")));
        }
        // any file can go as a document; otherwise the kind is what the bytes are
        if (media.kind() != item.kind() && media.kind() != MediaKind.DOCUMENT) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("content.media.kind", "MEDIA_KIND_MISMATCH",
                    "Media " + item.id() + " is a " + item.kind().json() + ", not a " + media.kind().json())));
        }
        return item;
    }

    private static void requirePaidAllowed(BotSendProfile bot, CampaignDraft draft) {
        if (Boolean.TRUE.equals(draft.paid()) && bot.paidRatePerSecond() <= 0) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("paid", "PAID_BROADCAST_DISABLED",
                    "This bot is not set up for paid broadcasts")));
        }
    }
}
