package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.auth.Role;
import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CampaignFeedTest {
    final InMemoryBroadcast world = new InMemoryBroadcast();
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final RecordingPush push = new RecordingPush();
    final LivePublisher publisher = new LivePublisher(connections, push, world.clock);
    final CampaignFeed feed = new CampaignFeed(world.campaigns, publisher,
            (c, p) -> Map.of("status", c.status().json(), "sent", p.count(DeliveryOutcome.SENT)));
    final LiveSync sync = new LiveSync(java.util.List.of(feed), publisher);
    final LiveConnection owner = connect("owner", Role.OWNER, Set.of());

    @Test
    void progressAndStatusChangesBothMakeANewerVersion() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        long started = version(c);

        world.campaigns.count(c.id(), Map.of(DeliveryOutcome.SENT, 3), true);
        long progressed = version(c);
        world.lifecycle.pause(c.id(), null);
        long paused = version(c);

        assertThat(progressed).isGreaterThan(started);
        assertThat(paused).isGreaterThan(progressed).isLessThan(1L << 53);
    }

    @Test
    void publishesTheCampaignTopicToWhoMaySeeItsBot() {
        connect("elsewhere", Role.EDITOR, Set.of("another-bot"));
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        world.campaigns.count(c.id(), Map.of(DeliveryOutcome.SENT, 2), false);

        feed.publish(java.util.List.of(c.id()));

        assertThat(push.recipients()).containsExactly("owner");
        LiveMessage m = push.pushed.getFirst().message();
        assertThat(m.topic()).isEqualTo("campaign:" + InMemoryBroadcast.BOT + ":" + c.id());
        assertThat(m.state()).containsEntry("sent", 2L).containsEntry("status", "running");
    }

    @Test
    void syncSendsOnlyWhatIsNewerThanTheClientHolds() {
        Campaign seen = world.campaign(CampaignStatus.RUNNING);
        Campaign moved = world.campaign(CampaignStatus.RUNNING);
        long seenVersion = version(seen);
        long movedVersion = version(moved);
        world.campaigns.count(moved.id(), Map.of(DeliveryOutcome.SENT, 1), false);

        int sent = sync.sync(owner, Map.of(
                LiveTopics.campaign(InMemoryBroadcast.BOT, seen.id()), seenVersion,
                LiveTopics.campaign(InMemoryBroadcast.BOT, moved.id()), movedVersion,
                LiveTopics.campaign(InMemoryBroadcast.BOT, "no-such-campaign"), 0L,
                LiveTopics.campaign("wrong-bot", seen.id()), 0L));

        assertThat(sent).isEqualTo(1);
        assertThat(push.pushed).singleElement().satisfies(p -> {
            assertThat(p.message().topic()).endsWith(moved.id());
            assertThat(p.message().version()).isGreaterThan(movedVersion);
        });
    }

    @Test
    void syncLeavesOutBotsTheConnectionMayNotSee() {
        LiveConnection scoped = connect("scoped", Role.ANALYST, Set.of("another-bot"));
        Campaign c = world.campaign(CampaignStatus.RUNNING);

        assertThat(sync.sync(scoped, Map.of(LiveTopics.campaign(InMemoryBroadcast.BOT, c.id()), 0L))).isZero();
        assertThat(push.pushed).isEmpty();
    }

    private long version(Campaign c) {
        return feed.ofCampaign(c.id()).orElseThrow().version();
    }

    private LiveConnection connect(String id, Role role, Set<String> scope) {
        LiveConnection c = new LiveConnection(id, "user-" + id, role, scope, world.clock.instant().plus(Duration.ofHours(2)));
        connections.save(c);
        return c;
    }
}
