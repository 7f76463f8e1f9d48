package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.auth.Role;
import io.botfleet.bots.Bot;
import io.botfleet.bots.InMemoryBotStore;
import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BotFeedTest {
    final TestClock clock = new TestClock("2026-11-30T09:00:00Z");
    final InMemoryBotStore bots = new InMemoryBotStore(new InMemoryLeaseStore());
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final RecordingPush push = new RecordingPush();
    final LivePublisher publisher = new LivePublisher(connections, push, clock);
    final BotFeed feed = new BotFeed(bots, publisher);
    final Bot bot = new Bot("7", "bot7", "Bot 7", "cipher", "7:AA…f4", "active", 30, false, Bot.Replies.DEFAULTS, "restore",
            "attached", Bot.ALLOWED_UPDATES, clock.instant(), "user-1", 1);

    @Test
    void aRevokedTokenIsANewerStateShowingIt() {
        bots.create(bot);
        long before = feed.ofBot("7").orElseThrow().version();

        bots.flagTokenRevoked("7", bot.tokenMask(), clock.instant());
        LiveMessage after = feed.ofBot("7").orElseThrow();

        assertThat(after.topic()).isEqualTo("bot:7");
        assertThat(after.version()).isGreaterThan(before);
        assertThat(after.state()).containsEntry("tokenRevoked", true).containsEntry("webhookState", "attached")
                .containsEntry("tokenRevokedAt", clock.instant().toString());
    }

    @Test
    void publishedOnlyToWhoMaySeeTheBotAndSyncedWhenNewer() {
        bots.create(bot);
        LiveConnection scoped = connect("scoped", Set.of("7"));
        connect("other", Set.of("8"));

        feed.publish("7");
        LiveSync sync = new LiveSync(List.of(feed), publisher);
        int newer = sync.sync(scoped, Map.of("bot:7", 0L));
        int same = sync.sync(scoped, Map.of("bot:7", 1L, "bot:unknown", 0L, "nonsense", 0L));

        assertThat(push.recipients()).containsExactly("scoped", "scoped");
        assertThat(newer).isEqualTo(1);
        assertThat(same).isZero();
    }

    private LiveConnection connect(String id, Set<String> scope) {
        LiveConnection c = new LiveConnection(id, "user-" + id, Role.EDITOR, scope, clock.instant().plus(Duration.ofHours(2)));
        connections.save(c);
        return c;
    }
}
