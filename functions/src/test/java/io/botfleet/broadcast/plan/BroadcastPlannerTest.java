package io.botfleet.broadcast.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.CampaignStore.PlanProgress;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.subscribers.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The planner on the in-memory ports: which subscribers a campaign reaches, in which batches, and re-plans. */
class BroadcastPlannerTest {
    static final Instant JOINED = Instant.parse("2026-01-01T00:00:00Z");

    final InMemoryBroadcast world = new InMemoryBroadcast();
    final BroadcastPlanner planner = new BroadcastPlanner(world.campaigns, world.audience, world.queue);

    /** Subscribers {@code 1..count}, one joining every minute. */
    void subscribers(int count) {
        for (long chat = 1; chat <= count; chat++) {
            world.subscriber(chat, JOINED.plus(Duration.ofMinutes(chat)), "en", Set.of(), null);
        }
    }

    List<Long> recipients() {
        return world.queue.batches().stream().flatMap(b -> b.recipients().stream()).toList();
    }

    @Test
    void theWholeAudienceGoesOutInBatchesOfAHundredInJoinOrderAndThePlanIsDone() {
        subscribers(250);
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        PlanProgress plan = planner.plan(c);

        assertThat(plan).isEqualTo(new PlanProgress(null, 3, 250, true));
        assertThat(world.campaigns.plan(c.id())).contains(plan);
        assertThat(world.queue.queued()).extracting(q -> q.batch().batchNo() + "/" + q.batch().recipients().size()
                + "/" + q.attempt() + "/" + q.paid()).containsExactly("0/100/0/false", "1/100/0/false", "2/50/0/false");
        assertThat(recipients()).containsExactlyElementsOf(LongStream.rangeClosed(1, 250).boxed().toList());
        assertThat(world.queue.batches()).allMatch(b -> b.campaignId().equals(c.id()) && b.botId().equals(c.botId()));
    }

    @Test
    void aPaidCampaignGoesToThePaidQueue() {
        subscribers(3);
        Campaign c = world.campaign(CampaignStatus.RUNNING, DeliveryPolicy.AT_MOST_ONCE, true);

        planner.plan(c);

        assertThat(world.queue.queued()).singleElement().matches(InMemorySendQueue.Queued::paid);
    }

    @Test
    void aPaidCampaignIsPlannedInBatchesOfAThousandASecondOfSendingEach() {
        subscribers(2_345);
        Campaign c = world.campaign(CampaignStatus.RUNNING, DeliveryPolicy.AT_MOST_ONCE, true);

        PlanProgress plan = planner.plan(c);

        assertThat(plan).isEqualTo(new PlanProgress(null, 3, 2_345, true));
        assertThat(world.queue.batches()).extracting(b -> b.recipients().size()).containsExactly(1_000, 1_000, 345);
        assertThat(recipients()).containsExactlyElementsOf(LongStream.rangeClosed(1, 2_345).boxed().toList());
    }

    @Test
    void anAudienceOfSeveralPagesIsNumberedOnAcrossPagesWithTheCursorSavedAfterEach() {
        subscribers(2_345);
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        PlanProgress plan = planner.plan(c);

        assertThat(world.audience.pages()).isEqualTo(3);
        assertThat(plan).isEqualTo(new PlanProgress(null, 24, 2_345, true));
        assertThat(world.queue.batches()).extracting(SendBatch::batchNo)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 24).boxed().toList());
        assertThat(recipients()).doesNotHaveDuplicates().hasSize(2_345);
    }

    @Test
    void onlyActiveSubscribersWhoMatchEveryConditionOfTheFilterAreReached() {
        Instant t = JOINED.plus(Duration.ofHours(1));
        world.subscriber(1, t.plus(Duration.ofDays(1)), "de", Set.of("vip"), "ads");
        world.subscriber(2, t.plus(Duration.ofDays(2)), "de", Set.of("vip", "beta"), "ads");
        world.subscriber(3, t.plus(Duration.ofDays(3)), "en", Set.of("vip"), "ads");
        world.subscriber(4, t.plus(Duration.ofDays(4)), "de", Set.of("other"), "ads");
        world.subscriber(5, t.plus(Duration.ofDays(5)), "de", Set.of("beta"), "organic");
        world.subscriber(6, t.plus(Duration.ofDays(6)), "de", Set.of("beta"), "ads");
        world.subscriber(7, t.plus(Duration.ofDays(9)), "de", Set.of("beta"), "ads");
        Subscriber blocked = world.subscriber(8, t.plus(Duration.ofDays(5)), "de", Set.of("vip"), "ads");
        world.subscribers.change(blocked.botId(), "8", Subscriber.ACTIVE, s -> new Subscriber(s.botId(), "8",
                Subscriber.BLOCKED, "private", null, null, "de", Set.of("vip"), "ads", s.joinedAt(), s.lastSeenAt(),
                Optional.empty()));
        AudienceFilter filter = new AudienceFilter(List.of("vip", "beta"), List.of("de"), List.of("ads"),
                JOINED.plus(Duration.ofDays(2)), JOINED.plus(Duration.ofDays(6)).plus(Duration.ofHours(2)), null);
        Campaign c = campaignFor(filter);

        planner.plan(c);

        assertThat(recipients()).containsExactly(2L, 6L);
    }

    @Test
    void activeSinceLeavesOutSubscribersNotSeenSinceItsHour() {
        for (long chat = 1; chat <= 10; chat++) {
            world.subscriber(chat, JOINED.plus(Duration.ofHours(chat)), "en", Set.of(), null);
        }
        AudienceFilter recent = new AudienceFilter(List.of(), List.of(), List.of(), null, null,
                JOINED.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(30)));

        planner.plan(campaignFor(recent));

        assertThat(recipients()).as("last seen is known to the hour").containsExactly(8L, 9L, 10L);
    }

    @Test
    void pagesTheFilterEmptiedAreReadOnWithoutSendingEmptyBatches() {
        subscribers(2_500);
        world.subscriber(9_999, JOINED.plus(Duration.ofDays(30)), "pt", Set.of(), null);
        Campaign c = campaignFor(new AudienceFilter(List.of(), List.of("pt"), List.of(), null, null, null));

        PlanProgress plan = planner.plan(c);

        assertThat(world.audience.pages()).isEqualTo(3);
        assertThat(plan).isEqualTo(new PlanProgress(null, 1, 1, true));
        assertThat(recipients()).containsExactly(9_999L);
    }

    @Test
    void anEmptyAudienceIsPlannedAsDoneWithNothingQueued() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        assertThat(planner.plan(c)).isEqualTo(new PlanProgress(null, 0, 0, true));
        assertThat(world.queue.queued()).isEmpty();
    }

    @Test
    void aCampaignThatStopsRunningStopsThePlanAfterThePageInHandAndAResumedPlanGoesOnFromItsCursor() {
        subscribers(2_345);
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        BroadcastPlanner pausedAfterOnePage = plannerThatAfterEnqueue(1, () -> world.lifecycle.move(c.id(), CampaignStatus.PAUSED));

        PlanProgress stopped = pausedAfterOnePage.plan(c);
        assertThat(stopped.done()).isFalse();
        assertThat(stopped.nextBatch()).isEqualTo(10);
        assertThat(recipients()).hasSize(1_000);

        world.lifecycle.move(c.id(), CampaignStatus.RUNNING);
        PlanProgress resumed = pausedAfterOnePage.plan(c);

        assertThat(resumed).isEqualTo(new PlanProgress(null, 24, 2_345, true));
        assertThat(recipients()).containsExactlyElementsOf(LongStream.rangeClosed(1, 2_345).boxed().toList());
    }

    @Test
    void aCampaignThatIsNotRunningOrGoneIsNotPlanned() {
        subscribers(5);
        for (CampaignStatus status : List.of(CampaignStatus.DRAFT, CampaignStatus.PAUSED, CampaignStatus.CANCELLED)) {
            Campaign c = world.campaign(status);
            assertThat(planner.plan(c)).isEqualTo(new PlanProgress(null, 0, 0, false));
        }
        Campaign unsaved = world.campaign(CampaignStatus.RUNNING);
        Campaign gone = new Campaign("01JDZZZZZZZZZZZZZZZZZZZZZZ", unsaved.botId(), unsaved.name(), unsaved.content(),
                unsaved.audience(), false, unsaved.policy(), CampaignStatus.RUNNING, 1, unsaved.createdAt(), "user-1",
                null, null, null);
        assertThat(planner.plan(gone).done()).isFalse();

        assertThat(world.queue.queued()).isEmpty();
        assertThat(world.audience.pages()).isZero();
    }

    @Test
    void planningADoneCampaignAgainQueuesAndReadsNothing() {
        subscribers(150);
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        PlanProgress first = planner.plan(c);
        int pages = world.audience.pages();

        assertThat(planner.plan(c)).isEqualTo(first);

        assertThat(world.queue.queued()).hasSize(2);
        assertThat(world.audience.pages()).isEqualTo(pages);
    }

    @Test
    void aPlannerThatDiedBetweenQueueingAPageAndSavingItsCursorQueuesThatPageAgainUnderTheSameDeduplicationIds() {
        subscribers(1_500);
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        BroadcastPlanner dying = plannerThatAfterEnqueue(2, () -> {
            throw new IllegalStateException("the planner's invocation ended");
        });
        assertThatThrownBy(() -> dying.plan(c)).hasMessageContaining("ended");
        assertThat(world.campaigns.plan(c.id())).contains(new PlanProgress(world.campaigns.plan(c.id()).orElseThrow()
                .audienceCursor(), 10, 1_000, false));

        PlanProgress plan = planner.plan(c);

        assertThat(plan).isEqualTo(new PlanProgress(null, 15, 1_500, true));
        assertThat(recipients()).as("SQS dropped the second page's repeat").hasSize(1_500).doesNotHaveDuplicates();
    }

    /** A planner whose {@code n}-th page, once queued, is followed by {@code then} (a pause, the planner's death). */
    private BroadcastPlanner plannerThatAfterEnqueue(int n, Runnable then) {
        AtomicInteger enqueues = new AtomicInteger();
        return new BroadcastPlanner(world.campaigns, world.audience, (batches, attempt, paid) -> {
            world.queue.enqueue(batches, attempt, paid);
            if (enqueues.incrementAndGet() == n) {
                then.run();
            }
        });
    }

    private Campaign campaignFor(AudienceFilter filter) {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        Campaign targeted = c.withDraft(c.name(), c.content(), filter, false, c.policy());
        world.campaigns.replace(targeted, c.version());
        return targeted;
    }
}
