package io.botfleet.broadcast;

import static io.botfleet.shared.errors.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignDraft;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.plan.InMemorySendQueue;
import io.botfleet.broadcast.send.BotSendProfile;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.send.LedgerChunk;
import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.shared.errors.Refusal.Kind;
import io.botfleet.telegram.TelegramBotApi;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What admins do with campaigns, on the in-memory ports: compose and edit drafts under optimistic concurrency, and
 * every move of the lifecycle, allowed or refused. Telegram is not reached: sending a test message is the one
 * operation that would, and it has no test here.
 */
class CampaignServiceTest {
    final InMemoryBroadcast world = new InMemoryBroadcast();
    final CampaignService service = new CampaignService(world.campaigns, world.lifecycle, world.starts, world.queue,
            world.ledger, world.bots, TelegramBotApi.create(URI.create("http://telegram.invalid")), world.clock);

    static CampaignDraft draft(String name) {
        return new CampaignDraft(name, MessageContent.text("Hello", ParseMode.NONE), null, null, null);
    }

    @Test
    void aNewCampaignIsAVersionOneDraftToEveryoneAtMostOnceByItsAuthor() {
        Campaign c = service.create(InMemoryBroadcast.BOT, draft("News"), "user-1");

        assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.audience()).isEqualTo(AudienceFilter.ALL);
        assertThat(c.policy()).isEqualTo(DeliveryPolicy.AT_MOST_ONCE);
        assertThat(c.paid()).isFalse();
        assertThat(c.createdAt()).isEqualTo(world.clock.instant());
        assertThat(c.createdBy()).isEqualTo("user-1");
        assertThat(service.get(c.id())).isEqualTo(c);
    }

    @Test
    void aCampaignForAnUnknownBotIsRefusedAndNotStored() {
        refused(Kind.NOT_FOUND, "BOT_NOT_FOUND", () -> service.create("999", draft("News"), "user-1"));

        assertThat(world.campaigns.list("999", null, 10).campaigns()).isEmpty();
    }

    @Test
    void aPaidCampaignNeedsABotWithAPaidRate() {
        CampaignDraft paid = new CampaignDraft("Ad", MessageContent.text("Buy", ParseMode.NONE), null, true, "at-least-once");
        var refusal = refused(Kind.INVALID, "VALIDATION_FAILED", () -> service.create(InMemoryBroadcast.BOT, paid, "user-1"));
        assertThat(refusal.fieldErrors()).extracting(f -> f.field() + " " + f.code()).containsExactly("paid PAID_BROADCAST_DISABLED");

        world.addBot(new BotSendProfile("77", "77:token", 30, 1_000));
        Campaign c = service.create("77", paid, "user-1");
        assertThat(c.paid()).isTrue();
        assertThat(c.policy()).isEqualTo(DeliveryPolicy.AT_LEAST_ONCE);
    }

    @Test
    void anEditBasedOnTheCurrentVersionReplacesTheDraftAndMovesTheVersion() {
        Campaign c = service.create(InMemoryBroadcast.BOT, draft("News"), "user-1");
        AudienceFilter germans = new AudienceFilter(List.of(), List.of("de"), List.of(), null, null, null);

        Campaign edited = service.update(c.id(), new CampaignDraft("Neuigkeiten", c.content(), germans, false, null), 1);

        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.name()).isEqualTo("Neuigkeiten");
        assertThat(edited.audience()).isEqualTo(germans);
        assertThat(service.get(c.id())).isEqualTo(edited);
    }

    @Test
    void anEditBasedOnAnOlderVersionIsRefusedAsStaleAndChangesNothing() {
        Campaign c = service.create(InMemoryBroadcast.BOT, draft("News"), "user-1");
        Campaign first = service.update(c.id(), draft("First"), 1);

        var refusal = refused(Kind.STALE_VERSION, "VERSION_CONFLICT", () -> service.update(c.id(), draft("Second"), 1));

        assertThat(refusal.detail()).endsWith("version is 2");
        assertThat(service.get(c.id())).isEqualTo(first);
    }

    @Test
    void anEditThatLosesARaceAfterReadingIsRefusedAsStaleWithTheWinnersVersion() {
        Campaign c = service.create(InMemoryBroadcast.BOT, draft("News"), "user-1");
        world.campaigns.beforeEachReplace(() -> world.campaigns.replace(world.current(c).withDraft("Theirs", c.content(),
                c.audience(), false, c.policy()), world.current(c).version()));

        var refusal = refused(Kind.STALE_VERSION, "VERSION_CONFLICT", () -> service.update(c.id(), draft("Mine"), 1));

        assertThat(refusal.detail()).endsWith("version is 2");
        assertThat(world.current(c).name()).isEqualTo("Theirs");
    }

    @Test
    void onlyDraftsAndScheduledCampaignsCanBeEdited() {
        for (CampaignStatus status : EnumSet.complementOf(EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED))) {
            Campaign c = world.campaign(status);
            refused(Kind.CONFLICT, "CAMPAIGN_NOT_EDITABLE", () -> service.update(c.id(), draft("Late"), 1));
            assertThat(world.current(c)).isEqualTo(c);
        }
        Campaign scheduled = world.campaign(CampaignStatus.SCHEDULED);
        assertThat(service.update(scheduled.id(), draft("Later"), 1).status()).isEqualTo(CampaignStatus.SCHEDULED);
    }

    @Test
    void startingADraftOrAScheduledCampaignRunsItAndAsksThePlannerForIt() {
        for (CampaignStatus from : List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED)) {
            Campaign c = world.campaign(from);
            world.clock.advance(Duration.ofSeconds(5));

            Campaign started = service.start(c.id());

            assertThat(started.status()).isEqualTo(CampaignStatus.RUNNING);
            assertThat(started.startedAt()).isEqualTo(world.clock.instant());
            assertThat(started.version()).isEqualTo(2);
            assertThat(world.current(c)).isEqualTo(started);
            assertThat(world.starts.requested()).endsWith(c.id());
        }
    }

    @Test
    void aRunningOrFinishedCampaignCannotBeStartedAndThePlannerIsNotAsked() {
        for (CampaignStatus status : List.of(CampaignStatus.RUNNING, CampaignStatus.COMPLETED, CampaignStatus.CANCELLED,
                CampaignStatus.FAILED)) {
            Campaign c = world.campaign(status);
            var refusal = refused(Kind.CONFLICT, "INVALID_TRANSITION", () -> service.start(c.id()));
            assertThat(refusal.detail()).isEqualTo("Cannot start a " + status.json() + " campaign");
            assertThat(world.current(c)).isEqualTo(c);
        }
        assertThat(world.starts.requested()).isEmpty();
    }

    @Test
    void onlyARunningCampaignCanBePaused() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        Campaign paused = service.pause(c.id());

        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).isNull();
        assertThat(paused.finishedAt()).isNull();
        for (CampaignStatus status : EnumSet.complementOf(EnumSet.of(CampaignStatus.RUNNING))) {
            Campaign other = world.campaign(status);
            refused(Kind.CONFLICT, "INVALID_TRANSITION", () -> service.pause(other.id()));
            assertThat(world.current(other)).isEqualTo(other);
        }
    }

    @Test
    void aPauseThePlatformMadeShowsItsReasonUntilTheNextChange() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        world.lifecycle.pause(c.id(), "token revoked");
        assertThat(world.current(c).statusReason()).isEqualTo("token revoked");

        assertThat(service.resume(c.id()).statusReason()).isNull();
    }

    @Test
    void resumingQueuesTheUnfinishedBatchesAgainUnderAFreshDeduplicationIdAndLetsThePlanningFinish() {
        Campaign c = world.campaign(CampaignStatus.RUNNING, DeliveryPolicy.AT_MOST_ONCE, true);
        SendBatch done = new SendBatch(c.id(), c.botId(), 0, List.of(1L, 2L));
        SendBatch halfway = new SendBatch(c.id(), c.botId(), 1, List.of(3L, 4L));
        LedgerChunk finished = LedgerChunk.fresh(done);
        finished.record(0, DeliveryOutcome.SENT, 11, null);
        finished.record(1, DeliveryOutcome.BLOCKED, 0, "403");
        LedgerChunk stopped = LedgerChunk.fresh(halfway);
        stopped.record(0, DeliveryOutcome.SENT, 12, null);
        world.ledger.saveAll(List.of(finished, stopped));
        world.campaigns.savePlan(c.id(), new CampaignStore.PlanProgress("cursor", 2, 4, false));
        service.pause(c.id());

        Campaign resumed = service.resume(c.id());

        assertThat(resumed.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(world.queue.queued()).containsExactly(new InMemorySendQueue.Queued(halfway, 3, true));
        assertThat(world.starts.requested()).containsExactly(c.id());
    }

    @Test
    void resumingAFullyPlannedCampaignDoesNotAskThePlannerAgain() {
        Campaign c = world.campaign(CampaignStatus.PAUSED);
        world.campaigns.savePlan(c.id(), new CampaignStore.PlanProgress(null, 1, 2, true));
        SendBatch batch = new SendBatch(c.id(), c.botId(), 0, List.of(1L, 2L));
        world.ledger.save(LedgerChunk.fresh(batch));

        Campaign resumed = service.start(c.id());

        assertThat(resumed.status()).as("start of a paused campaign resumes it").isEqualTo(CampaignStatus.RUNNING);
        assertThat(world.queue.batches()).containsExactly(batch);
        assertThat(world.starts.requested()).isEmpty();
    }

    @Test
    void aCampaignResumedTwiceQueuesItsBatchesUnderADifferentDeduplicationIdEachTime() {
        Campaign c = world.campaign(CampaignStatus.PAUSED);
        world.campaigns.savePlan(c.id(), new CampaignStore.PlanProgress(null, 1, 1, true));
        world.ledger.save(LedgerChunk.fresh(new SendBatch(c.id(), c.botId(), 0, List.of(1L))));

        service.resume(c.id());
        service.pause(c.id());
        service.resume(c.id());

        assertThat(world.queue.queued()).extracting(InMemorySendQueue.Queued::attempt).containsExactly(2, 4);
    }

    @Test
    void onlyAPausedCampaignCanBeResumedBackToRunning() {
        for (CampaignStatus status : List.of(CampaignStatus.RUNNING, CampaignStatus.COMPLETED, CampaignStatus.CANCELLED,
                CampaignStatus.FAILED)) {
            Campaign c = world.campaign(status);
            refused(Kind.CONFLICT, "INVALID_TRANSITION", () -> service.resume(c.id()));
            assertThat(world.current(c)).isEqualTo(c);
        }
        assertThat(world.queue.queued()).isEmpty();
        assertThat(world.starts.requested()).isEmpty();
    }

    @Test
    void aCampaignCanBeCancelledUntilItHasFinished() {
        for (CampaignStatus status : List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING,
                CampaignStatus.PAUSED)) {
            Campaign c = world.campaign(status);
            world.clock.advance(Duration.ofSeconds(1));

            Campaign cancelled = service.cancel(c.id());

            assertThat(cancelled.status()).isEqualTo(CampaignStatus.CANCELLED);
            assertThat(cancelled.finishedAt()).isEqualTo(world.clock.instant());
        }
        for (CampaignStatus status : List.of(CampaignStatus.COMPLETED, CampaignStatus.CANCELLED, CampaignStatus.FAILED)) {
            Campaign c = world.campaign(status);
            refused(Kind.CONFLICT, "INVALID_TRANSITION", () -> service.cancel(c.id()));
            assertThat(world.current(c)).isEqualTo(c);
        }
    }

    @Test
    void anUnknownCampaignIsNotFoundForEveryOperation() {
        String nobody = "01JDZZZZZZZZZZZZZZZZZZZZZZ";
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.get(nobody));
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.update(nobody, draft("x"), 1));
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.start(nobody));
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.pause(nobody));
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.resume(nobody));
        refused(Kind.NOT_FOUND, "CAMPAIGN_NOT_FOUND", () -> service.cancel(nobody));
    }

    @Test
    void aCampaignOthersKeepChangingIsRefusedAsBusyAfterItsRetries() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        world.campaigns.beforeEachReplace(() -> world.campaigns.replace(world.current(c)
                .withDraft("Theirs", c.content(), c.audience(), false, c.policy()), world.current(c).version()));

        refused(Kind.CONFLICT, "CAMPAIGN_BUSY", () -> service.pause(c.id()));

        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(world.current(c).version()).as("five attempts, each overtaken").isEqualTo(6);
    }
}
