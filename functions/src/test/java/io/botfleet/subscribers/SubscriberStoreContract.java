package io.botfleet.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.paging.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What SubscriberStore promises, checked on the DynamoDB adapter ({@code DynamoSubscriberStoreIT}) and on the
 * in-memory one ({@code InMemorySubscriberStoreTest}): listings in chat-id or join order with every filter, pages
 * that resume where the last ended, counters that follow deletes, tags, purge. Tests share one table within a
 * class: each seeds a bot of its own.
 */
abstract class SubscriberStoreContract {
    static final Instant T = Instant.parse("2026-02-01T08:00:00Z");
    /** Small, so that a few subscribers show what a listing does at its limits: ten queries, two items a filtered read. */
    static final DynamoSubscriberStore.ReadBudget BUDGET = new DynamoSubscriberStore.ReadBudget(10, 2);

    /** A store and how a subscriber gets into it (as the webhook writes one, counted). */
    record Stores(SubscriberStore store, Consumer<Subscriber> seed) {}

    final SubscriberStore store;
    final Consumer<Subscriber> seed;
    final String botId = "bot-" + UUID.randomUUID();

    SubscriberStoreContract(Stores stores) {
        this.store = stores.store();
        this.seed = stores.seed();
    }

    /** Subscriber {@code chatId}, joined {@code hours} after T and last seen then; names and language given. */
    Subscriber subscriber(String chatId, int hours, String status, String language, Set<String> tags) {
        Instant joined = T.plus(Duration.ofHours(hours));
        Subscriber s = new Subscriber(botId, chatId, status, "private", "Name" + chatId, "user" + chatId, language, tags,
                "ads", joined, Optional.of(joined), Optional.empty());
        seed.accept(s);
        return s;
    }

    List<String> listed(SubscriberQuery query) {
        List<String> chats = new ArrayList<>();
        Optional<Map<String, String>> from = Optional.empty();
        do {
            Page<Subscriber> page = store.page(botId, query, from);
            page.items().forEach(s -> chats.add(s.chatId()));
            from = page.lastKey();
        } while (from.isPresent());
        return chats;
    }

    @Test
    void aSubscriberReadsBackAsTheWebhookWroteItAndTheCountersAreNoSubscriber() {
        Subscriber s = subscriber("42", 1, Subscriber.ACTIVE, "de", Set.of("vip"));

        assertThat(store.get(botId, "42")).contains(s);
        assertThat(store.get(botId, "43")).isEmpty();
        assertThat(store.get(botId, DynamoSubscriberStore.COUNTERS)).isEmpty();
    }

    @Test
    void countsFollowStatusesAndADeleteTakesTheSubscriberOffThem() {
        subscriber("1", 1, Subscriber.ACTIVE, "en", Set.of());
        subscriber("2", 2, Subscriber.ACTIVE, "en", Set.of());
        subscriber("3", 3, Subscriber.BLOCKED, "en", Set.of());
        subscriber("4", 4, Subscriber.LEFT, "en", Set.of());

        assertThat(store.counts(botId)).isEqualTo(new SubscriberCounts(2, 1, 1, 4));
        assertThat(store.delete(botId, "3")).isTrue();
        assertThat(store.delete(botId, "3")).isFalse();
        assertThat(store.counts(botId)).isEqualTo(new SubscriberCounts(2, 0, 1, 3));
        assertThat(store.counts("bot-" + UUID.randomUUID())).isEqualTo(new SubscriberCounts(0, 0, 0, 0));
    }

    @Test
    void everyStatusIsListedInChatIdOrderAndOneStatusInJoinOrderInPagesThatResume() {
        subscriber("30", 1, Subscriber.ACTIVE, "en", Set.of());
        subscriber("4", 2, Subscriber.BLOCKED, "en", Set.of());
        subscriber("200", 3, Subscriber.ACTIVE, "en", Set.of());
        subscriber("1000", 4, Subscriber.ACTIVE, "en", Set.of());
        subscriber("-5", 5, Subscriber.ACTIVE, "en", Set.of());

        assertThat(listed(SubscriberQuery.all(2))).as("chat ids in string order").containsExactly("-5", "1000", "200",
                "30", "4");
        assertThat(listed(SubscriberQuery.status(Subscriber.ACTIVE, 2))).containsExactly("30", "200", "1000", "-5");
    }

    @Test
    void theFiltersOfAListingAllHold() {
        subscriber("1", 1, Subscriber.ACTIVE, "de", Set.of("vip"));
        subscriber("2", 2, Subscriber.ACTIVE, "de", Set.of("other"));
        subscriber("3", 3, Subscriber.ACTIVE, "en", Set.of("vip"));
        subscriber("4", 30, Subscriber.ACTIVE, "de", Set.of("vip"));
        SubscriberQuery germanVips = new SubscriberQuery(Optional.of(Subscriber.ACTIVE), Optional.of("de"),
                Optional.of("vip"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10);

        assertThat(listed(germanVips)).containsExactly("1", "4");
        assertThat(listed(new SubscriberQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(T.plus(Duration.ofHours(2))), Optional.of(T.plus(Duration.ofHours(3))), Optional.empty(),
                Optional.empty(), 10))).as("joined between, without a status").containsExactly("2", "3");
        assertThat(listed(new SubscriberQuery(Optional.of(Subscriber.ACTIVE), Optional.empty(), Optional.empty(),
                Optional.of(T.plus(Duration.ofHours(2))), Optional.of(T.plus(Duration.ofHours(3))), Optional.empty(),
                Optional.empty(), 10))).as("joined between, in a status").containsExactly("2", "3");
        assertThat(listed(new SubscriberQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(T.plus(Duration.ofHours(29)).plus(Duration.ofMinutes(40))), Optional.empty(), 10)))
                .as("active since, to the hour").containsExactly("4");
        assertThat(listed(new SubscriberQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("user3"), 10))).as("text in the username").containsExactly("3");
    }

    @Test
    void aFilteredReadThatFindsMoreThanThePageWantsResumesAfterTheLastItemTaken() {
        List<String> all = new ArrayList<>();
        for (int i = 10; i < 22; i++) {
            subscriber(Integer.toString(i), i, i % 3 == 0 ? Subscriber.BLOCKED : Subscriber.ACTIVE, "de", Set.of("vip"));
            all.add(Integer.toString(i));
        }
        SubscriberQuery vipsOneAPage = new SubscriberQuery(Optional.empty(), Optional.empty(), Optional.of("vip"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1);
        SubscriberQuery activeGermansOneAPage = new SubscriberQuery(Optional.of(Subscriber.ACTIVE), Optional.of("de"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1);

        assertThat(listed(vipsOneAPage)).as("every page a query of two matches, one taken").containsExactlyElementsOf(all);
        assertThat(listed(activeGermansOneAPage)).as("the same on the status index, in join order")
                .containsExactlyElementsOf(all.stream().filter(c -> Integer.parseInt(c) % 3 != 0).toList());
    }

    @Test
    void aPageReadsNoMoreThanItsBudgetOfQueriesAndSaysWhereToGoOn() {
        for (int i = 10; i < 40; i++) {
            subscriber(Integer.toString(i), i, Subscriber.ACTIVE, "en", Set.of());
        }
        subscriber("99", 99, Subscriber.ACTIVE, "pt", Set.of());
        SubscriberQuery portuguese = new SubscriberQuery(Optional.empty(), Optional.of("pt"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 2);

        Page<Subscriber> first = store.page(botId, portuguese, Optional.empty());

        assertThat(first.items()).as("ten queries of two read twenty chats, none of them matching").isEmpty();
        assertThat(first.lastKey()).isPresent();
        assertThat(listed(portuguese)).containsExactly("99");
    }

    @Test
    void tagsAreAddedAndRemovedOnlyOnSubscribers() {
        subscriber("1", 1, Subscriber.ACTIVE, "en", Set.of("a", "b"));

        assertThat(store.changeTags(botId, "1", Set.of("c"), Set.of("a"))).isTrue();
        assertThat(store.get(botId, "1").orElseThrow().tags()).containsExactlyInAnyOrder("b", "c");
        assertThat(store.changeTags(botId, "2", Set.of("c"), Set.of())).isFalse();
        assertThat(store.changeTags(botId, "1", Set.of(), Set.of())).isTrue();
        assertThat(store.changeTags(botId, "2", Set.of(), Set.of())).isFalse();
    }

    @Test
    void aPurgeLeavesNoSubscriberAndNoCounts() {
        subscriber("1", 1, Subscriber.ACTIVE, "en", Set.of());
        subscriber("2", 2, Subscriber.BLOCKED, "en", Set.of());

        store.purge(botId);

        assertThat(listed(SubscriberQuery.all(10))).isEmpty();
        assertThat(store.counts(botId)).isEqualTo(new SubscriberCounts(0, 0, 0, 0));
    }
}
