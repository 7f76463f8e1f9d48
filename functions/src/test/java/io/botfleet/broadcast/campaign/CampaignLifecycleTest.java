package io.botfleet.broadcast.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.CampaignLifecycle.Transition;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every move between campaign states, allowed or not, and when a running campaign is complete. */
class CampaignLifecycleTest {
    final InMemoryBroadcast world = new InMemoryBroadcast();
    final CampaignLifecycle lifecycle = world.lifecycle;

    /** The allowed moves, written out rather than derived, so a change to the state machine shows up here. */
    static final Map<CampaignStatus, Set<CampaignStatus>> ALLOWED = Map.of(
            CampaignStatus.DRAFT, EnumSet.of(CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.CANCELLED),
            CampaignStatus.SCHEDULED, EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.RUNNING, CampaignStatus.CANCELLED),
            CampaignStatus.RUNNING, EnumSet.of(CampaignStatus.PAUSED, CampaignStatus.COMPLETED, CampaignStatus.FAILED,
                    CampaignStatus.CANCELLED),
            CampaignStatus.PAUSED, EnumSet.of(CampaignStatus.RUNNING, CampaignStatus.CANCELLED),
            CampaignStatus.COMPLETED, EnumSet.noneOf(CampaignStatus.class),
            CampaignStatus.CANCELLED, EnumSet.noneOf(CampaignStatus.class),
            CampaignStatus.FAILED, EnumSet.noneOf(CampaignStatus.class));

    @Test
    void eachStateMovesOnlyToTheStatesItMayReachAndARefusedMoveWritesNothing() {
        for (CampaignStatus from : CampaignStatus.values()) {
            for (CampaignStatus to : CampaignStatus.values()) {
                Campaign c = world.campaign(from);
                Transition t = lifecycle.move(c.id(), to);
                if (ALLOWED.get(from).contains(to)) {
                    assertThat(t).as(from + " → " + to).isInstanceOf(Transition.Moved.class);
                    Campaign moved = ((Transition.Moved) t).campaign();
                    assertThat(moved.status()).isEqualTo(to);
                    assertThat(moved.version()).isEqualTo(c.version() + 1);
                    assertThat(world.current(c)).isEqualTo(moved);
                } else {
                    assertThat(t).as(from + " → " + to).isEqualTo(new Transition.NotAllowed(c));
                    assertThat(world.current(c)).isEqualTo(c);
                }
            }
        }
    }

    @Test
    void finishingStampsTheTimeAndStartingKeepsTheFirstStart() {
        Campaign c = world.campaign(CampaignStatus.DRAFT);
        world.clock.advance(Duration.ofMinutes(1));
        Campaign started = moved(lifecycle.move(c.id(), CampaignStatus.RUNNING));
        moved(lifecycle.move(c.id(), CampaignStatus.PAUSED));
        world.clock.advance(Duration.ofMinutes(1));
        Campaign resumed = moved(lifecycle.move(c.id(), CampaignStatus.RUNNING));
        world.clock.advance(Duration.ofMinutes(1));
        Campaign completed = moved(lifecycle.move(c.id(), CampaignStatus.COMPLETED));

        assertThat(started.startedAt()).isEqualTo(c.createdAt().plus(Duration.ofMinutes(1)));
        assertThat(resumed.startedAt()).isEqualTo(started.startedAt());
        assertThat(resumed.finishedAt()).isNull();
        assertThat(completed.finishedAt()).isEqualTo(world.clock.instant());
    }

    @Test
    void aMissingCampaignCannotMove() {
        assertThat(lifecycle.move("01JDZZZZZZZZZZZZZZZZZZZZZZ", CampaignStatus.RUNNING)).isEqualTo(new Transition.Missing());
    }

    @Test
    void aMoveThatLosesARaceReadsAgainAndDecidesOnWhatItFinds() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        world.campaigns.beforeEachReplace(() -> lifecycle.move(c.id(), CampaignStatus.CANCELLED));

        Transition t = lifecycle.move(c.id(), CampaignStatus.PAUSED);

        assertThat(t).as("cancelled meanwhile: a pause no longer applies").isInstanceOf(Transition.NotAllowed.class);
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.CANCELLED);
    }

    @Test
    void aRunningCampaignCompletesOnceItIsFullyPlannedAndEveryBatchIsDone() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        lifecycle.completeIfDone(c.id(), progress(2, 2, false));
        assertThat(world.current(c).status()).as("the planner may still add batches").isEqualTo(CampaignStatus.RUNNING);
        lifecycle.completeIfDone(c.id(), progress(3, 2, true));
        assertThat(world.current(c).status()).as("a batch is still being sent").isEqualTo(CampaignStatus.RUNNING);
        lifecycle.completeIfDone(c.id(), progress(3, 3, true));
        assertThat(world.current(c).status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aPausedOrCancelledCampaignIsNotCompletedByItsLastBatch() {
        for (CampaignStatus status : EnumSet.of(CampaignStatus.PAUSED, CampaignStatus.CANCELLED)) {
            Campaign c = world.campaign(status);
            lifecycle.completeIfDone(c.id(), progress(1, 1, true));
            assertThat(world.current(c)).isEqualTo(c);
        }
    }

    @Test
    void aCompletedCampaignIsCompletedOnce() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        lifecycle.completeIfDone(c.id(), progress(1, 1, true));
        Campaign completed = world.current(c);
        world.clock.advance(Duration.ofMinutes(1));

        lifecycle.completeIfDone(c.id(), progress(1, 1, true));

        assertThat(world.current(c)).isEqualTo(completed);
    }

    private static CampaignProgress progress(long batches, long done, boolean planned) {
        return new CampaignProgress(batches * 100, batches, done, planned, Map.of(DeliveryOutcome.SENT, done * 100));
    }

    private static Campaign moved(Transition t) {
        assertThat(t).isInstanceOf(Transition.Moved.class);
        return ((Transition.Moved) t).campaign();
    }
}
