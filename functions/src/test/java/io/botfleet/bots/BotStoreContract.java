package io.botfleet.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.ownership.Lease;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The conditions BotStore promises, checked on the DynamoDB adapter ({@code DynamoBotStoreIT}) and on the
 * in-memory one ({@code InMemoryBotStoreTest}): one registration per bot, edits on the version they read, a revoked
 * token flagged once and only for the token it names, webhook writes only by the bot's current owner. Tests share
 * one table within a class: each works on bots of its own.
 */
abstract class BotStoreContract {
    static final Instant T = Instant.parse("2026-11-30T09:00:00Z");

    /** A bot store and the leases that fence its webhook writes. */
    record Stores(BotStore bots, LeaseStore leases) {}

    final BotStore store;
    final LeaseStore leases;

    BotStoreContract(Stores stores) {
        this.store = stores.bots();
        this.leases = stores.leases();
    }

    static Bot bot(Instant createdAt) {
        String id = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        return new Bot(id, "bot" + id, "Bot " + id, "cipher-1", "1234…wxyz", "active", 30, false, Bot.Replies.DEFAULTS,
                "restore", "unknown", Bot.ALLOWED_UPDATES, createdAt, "user-1", 1);
    }

    @Test
    void aBotIsRegisteredOnce() {
        Bot bot = bot(T);

        assertThat(store.create(bot)).isTrue();
        assertThat(store.create(bot.withSettings("Other", 10, false, bot.replies(), "leave"))).isFalse();
        assertThat(store.get(bot.botId())).contains(bot);
    }

    @Test
    void anEditOnTheStoredVersionWinsAndOneOnAnOlderVersionConflicts() {
        Bot bot = bot(T);
        store.create(bot);

        Bot edited = store.update(bot.withSettings("Renamed", 20, true, bot.replies(), "leave"), 1);
        assertThatThrownBy(() -> store.update(bot.withSettings("Stale", 5, false, bot.replies(), "restore"), 1))
                .isInstanceOf(BotStore.VersionConflict.class);

        assertThat(edited.version()).isEqualTo(2);
        assertThat(store.get(bot.botId())).contains(edited);
        assertThatThrownBy(() -> store.update(bot(T), 1)).as("no such bot").isInstanceOf(BotStore.VersionConflict.class);
    }

    @Test
    void aRevokedTokenIsFlaggedOnceOnlyForTheTokenItNamesAndAnEditOfAnOlderReadCannotDropTheFlag() {
        Bot bot = bot(T);
        store.create(bot);

        assertThat(store.flagTokenRevoked(bot.botId(), "9999…aaaa", T)).as("a token replaced meanwhile").isFalse();
        assertThat(store.flagTokenRevoked(bot.botId(), bot.tokenMask(), T)).isTrue();
        assertThat(store.flagTokenRevoked(bot.botId(), bot.tokenMask(), T.plusSeconds(5))).isFalse();

        Bot flagged = store.get(bot.botId()).orElseThrow();
        assertThat(flagged.tokenRevokedAt()).isEqualTo(T);
        assertThat(flagged.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.update(bot.withSettings("x", 30, false, bot.replies(), "restore"), 1))
                .isInstanceOf(BotStore.VersionConflict.class);
        Bot replaced = store.update(flagged.withToken("cipher-2", "5678…abcd"), 2);
        assertThat(store.get(bot.botId()).orElseThrow().tokenRevokedAt()).as("a new token is not revoked").isNull();
        assertThat(replaced.tokenMask()).isEqualTo("5678…abcd");
    }

    @Test
    void onlyTheCurrentOwnerWritesTheWebhookStateAndHealth() {
        Bot bot = bot(T);
        store.create(bot);
        Lease stale = leases.claim(bot.botId(), "a", T, T.plusSeconds(30)).orElseThrow();
        Lease current = leases.claim(bot.botId(), "b", T.plusSeconds(30), T.plusSeconds(60)).orElseThrow();

        assertThatThrownBy(() -> store.setWebhookState(bot.botId(), "detached", stale.fence()))
                .isInstanceOf(LeaseStore.FencedOut.class);
        assertThatThrownBy(() -> store.putWebhookHealth(health(bot, stale), stale.fence()))
                .isInstanceOf(LeaseStore.FencedOut.class);
        assertThat(store.get(bot.botId()).orElseThrow().webhookState()).isEqualTo("unknown");
        assertThat(store.webhookHealth(bot.botId())).isEmpty();

        store.setWebhookState(bot.botId(), "attached", current.fence());
        store.putWebhookHealth(health(bot, current), current.fence());
        assertThat(store.get(bot.botId()).orElseThrow().webhookState()).isEqualTo("attached");
        assertThat(store.webhookHealth(bot.botId())).contains(health(bot, current));
    }

    @Test
    void aWebhookStateChangeIsANewVersionAndAnEditLeavesTheStateToTheHeartbeat() {
        Bot bot = bot(T);
        store.create(bot);
        Lease lease = leases.claim(bot.botId(), "a", T, T.plusSeconds(30)).orElseThrow();
        store.setWebhookState(bot.botId(), "attached", lease.fence());

        // what an admin read before the change is a different representation: its version no longer matches
        assertThatThrownBy(() -> store.update(bot.withSettings("Renamed", 30, false, bot.replies(), "restore"), 1))
                .isInstanceOf(BotStore.VersionConflict.class);
        Bot read = store.get(bot.botId()).orElseThrow();
        assertThat(read.version()).isEqualTo(2);
        store.update(read.withSettings("Renamed", 30, false, read.replies(), "restore"), 2);

        assertThat(store.get(bot.botId()).orElseThrow().webhookState()).isEqualTo("attached");
    }

    @Test
    void botsAreListedNewestFirstInPagesThatResumeWhereTheLastEnded() {
        Instant future = Instant.parse("2999-01-01T00:00:00Z");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Bot bot = bot(future.plus(Duration.ofDays(i)));
            store.create(bot);
            created.addFirst(bot.botId());
        }

        List<String> listed = new ArrayList<>();
        Optional<Map<String, String>> from = Optional.empty();
        do {
            Page<Bot> page = store.list(from, 2);
            page.items().forEach(b -> listed.add(b.botId()));
            from = page.lastKey();
        } while (from.isPresent() && listed.size() < created.size());

        // the other tests' bots are older: these come first
        assertThat(listed.subList(0, created.size())).containsExactlyElementsOf(created);
    }

    @Test
    void deletingABotRemovesItsProfileAndHealthButNotItsLease() {
        Bot bot = bot(T);
        store.create(bot);
        Lease lease = leases.claim(bot.botId(), "a", T, T.plusSeconds(30)).orElseThrow();
        store.putWebhookHealth(health(bot, lease), lease.fence());

        store.delete(bot.botId());

        assertThat(store.get(bot.botId())).isEmpty();
        assertThat(store.webhookHealth(bot.botId())).isEmpty();
        assertThat(leases.get(bot.botId())).contains(lease);
    }

    static WebhookHealth health(Bot bot, Lease lease) {
        return new WebhookHealth(bot.botId(), "https://a.example/telegram/" + bot.botId(),
                "https://a.example/telegram/" + bot.botId(), false, 0, Optional.empty(), Optional.empty(), 40,
                lease.ownerId(), lease.epoch(), "none", T);
    }
}
