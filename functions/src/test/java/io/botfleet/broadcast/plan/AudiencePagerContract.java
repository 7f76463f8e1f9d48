package io.botfleet.broadcast.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.subscribers.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What AudiencePager promises, checked on the DynamoDB adapter over the {@code byStatus} index
 * ({@code DynamoAudiencePagerIT}) and on the in-memory one the planner tests use ({@code InMemoryAudiencePagerTest}):
 * a bot's active subscribers in join order, every condition of the filter, and pages that resume where the last one
 * ended even when the filter left a page empty. Tests share one table within a class: each seeds a bot of its own.
 */
abstract class AudiencePagerContract {
    static final Instant T = Instant.parse("2026-01-01T00:30:00Z");

    /** A pager and how a subscriber gets into what it reads (as the webhook writes one). */
    record Stores(AudiencePager pager, Consumer<Subscriber> seed) {}

    final AudiencePager pager;
    final Consumer<Subscriber> seed;
    final String botId = "bot-" + UUID.randomUUID();

    AudiencePagerContract(Stores stores) {
        this.pager = stores.pager();
        this.seed = stores.seed();
    }

    /** Subscriber {@code chat}, joined {@code days} after T and last seen then. */
    Subscriber subscriber(long chat, int days, String status, String language, Set<String> tags, String source) {
        Instant joined = T.plus(Duration.ofDays(days));
        Subscriber s = new Subscriber(botId, Long.toString(chat), status, "private", "User " + chat, null, language, tags,
                source, joined, Optional.of(joined), Optional.empty());
        seed.accept(s);
        return s;
    }

    List<Long> everyone(AudienceFilter filter, int limit) {
        List<Long> chats = new ArrayList<>();
        String cursor = null;
        do {
            AudiencePager.Page page = pager.page(botId, filter, cursor, limit);
            assertThat(page.chatIds()).hasSizeLessThanOrEqualTo(limit);
            chats.addAll(page.chatIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        return chats;
    }

    @Test
    void theAudienceIsTheBotsActiveSubscribersInJoinOrder() {
        subscriber(30, 3, Subscriber.ACTIVE, "en", Set.of(), null);
        subscriber(10, 1, Subscriber.ACTIVE, "en", Set.of(), null);
        subscriber(20, 2, Subscriber.BLOCKED, "en", Set.of(), null);
        subscriber(40, 4, Subscriber.LEFT, "en", Set.of(), null);
        subscriber(50, 5, Subscriber.ACTIVE, "en", Set.of(), null);

        assertThat(everyone(AudienceFilter.ALL, 100)).containsExactly(10L, 30L, 50L);
        assertThat(pager.page("bot-" + UUID.randomUUID(), AudienceFilter.ALL, null, 100).chatIds()).isEmpty();
    }

    @Test
    void pagesResumeAfterTheirCursorAndReachEveryoneOnce() {
        for (int i = 1; i <= 7; i++) {
            subscriber(i, i, Subscriber.ACTIVE, "en", Set.of(), null);
        }

        assertThat(everyone(AudienceFilter.ALL, 2)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aPageTheFilterEmptiedStillLeadsToTheNextPage() {
        subscriber(1, 1, Subscriber.ACTIVE, "en", Set.of(), null);
        subscriber(2, 2, Subscriber.ACTIVE, "en", Set.of(), null);
        subscriber(3, 3, Subscriber.ACTIVE, "pt", Set.of(), null);
        AudienceFilter portuguese = new AudienceFilter(List.of(), List.of("pt"), List.of(), null, null, null);

        AudiencePager.Page first = pager.page(botId, portuguese, null, 2);

        assertThat(first.chatIds()).isEmpty();
        assertThat(first.nextCursor()).isNotNull();
        assertThat(pager.page(botId, portuguese, first.nextCursor(), 2).chatIds()).containsExactly(3L);
    }

    @Test
    void everyConditionOfTheFilterMustHoldAndEachListIsAnyOf() {
        subscriber(1, 1, Subscriber.ACTIVE, "de", Set.of("vip"), "ads");
        subscriber(2, 2, Subscriber.ACTIVE, "fr", Set.of("beta", "x"), "ads");
        subscriber(3, 3, Subscriber.ACTIVE, "en", Set.of("vip"), "ads");
        subscriber(4, 4, Subscriber.ACTIVE, "de", Set.of("other"), "ads");
        subscriber(5, 5, Subscriber.ACTIVE, "de", Set.of("beta"), "organic");
        subscriber(6, 6, Subscriber.ACTIVE, "de", Set.of(), "ads");
        AudienceFilter filter = new AudienceFilter(List.of("vip", "beta"), List.of("de", "fr"), List.of("ads"), null, null,
                null);

        assertThat(everyone(filter, 100)).containsExactly(1L, 2L);
    }

    @Test
    void joinedBetweenIncludesBothEndsToTheMillisecond() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-02T00:00:00Z");
        for (Instant joined : List.of(from.minusMillis(1), from, from.plusMillis(400), to, to.plusMillis(1))) {
            Subscriber s = new Subscriber(botId, Long.toString(joined.toEpochMilli()), Subscriber.ACTIVE, "private", "U",
                    null, "en", Set.of(), null, joined, Optional.of(joined), Optional.empty());
            seed.accept(s);
        }

        assertThat(everyone(new AudienceFilter(List.of(), List.of(), List.of(), from, to, null), 100)).containsExactly(
                from.toEpochMilli(), from.plusMillis(400).toEpochMilli(), to.toEpochMilli());
    }

    @Test
    void activeSinceCountsASubscriberSeenInItsHour() {
        subscriber(1, 1, Subscriber.ACTIVE, "en", Set.of(), null);
        subscriber(2, 2, Subscriber.ACTIVE, "en", Set.of(), null);
        Instant seenOnDayTwo = T.plus(Duration.ofDays(2));

        assertThat(everyone(new AudienceFilter(List.of(), List.of(), List.of(), null, null,
                seenOnDayTwo.plus(Duration.ofMinutes(20))), 100)).containsExactly(2L);
    }

    @Test
    void joinedBetweenAndActiveSinceBoundTheAudienceInTime() {
        for (int day = 1; day <= 6; day++) {
            subscriber(day, day, Subscriber.ACTIVE, "en", Set.of(), null);
        }
        Instant dayTwo = T.plus(Duration.ofDays(2));
        Instant dayFive = T.plus(Duration.ofDays(5));

        assertThat(everyone(new AudienceFilter(List.of(), List.of(), List.of(), dayTwo.minusSeconds(90),
                dayFive.plusSeconds(90), null), 100)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(everyone(new AudienceFilter(List.of(), List.of(), List.of(), null, null,
                dayFive.minus(Duration.ofHours(2))), 100)).containsExactly(5L, 6L);
    }
}
