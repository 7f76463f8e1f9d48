package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.ownership.Fence;
import io.botfleet.ownership.InMemoryLeaseStore;
import io.botfleet.ownership.Lease;
import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptedUpdateApplierTest {
    static final Instant T0 = Instant.parse("2026-11-30T10:05:00Z");
    static final Fence FENCE = new Fence("42", "primary", 3);

    final TestClock clock = new TestClock(T0);
    final InMemoryLeaseStore leases = new InMemoryLeaseStore();
    final InMemorySubscriberRefresh subscribers = new InMemorySubscriberRefresh(leases);
    final InMemoryParkedUpdates parked = new InMemoryParkedUpdates();
    final AcceptedUpdateApplier applier = new AcceptedUpdateApplier(leases, subscribers, parked, clock);

    AcceptedUpdateApplierTest() {
        leases.put(new Lease("42", "primary", 3, T0.plus(Duration.ofMinutes(3))));
    }

    static AcceptedUpdate message(long updateId, String chat, String name, Instant at) {
        return new AcceptedUpdate(FENCE, updateId, at, chat, Optional.of(new UpdateLedger.Contact(chat, "private", name, null, "en")),
                List.of(new AcceptedUpdate.Event("message.received", Map.of("content", "text"))), false);
    }

    static List<String> types(AcceptedUpdateApplier.Result result) {
        return result.applied().stream().flatMap(a -> a.events().stream()).map(e -> e.updateId() + ":" + e.type()).toList();
    }

    @Test
    void aFirstContactJoinsOnceAndARetriedBatchReportsTheJoinAgainWithoutCountingIt() {
        List<AcceptedUpdate> batch = List.of(message(7, "100", "Ann", T0), message(8, "100", "Ann", T0.plusSeconds(5)));

        var first = applier.apply(batch);
        assertThat(types(first)).containsExactly("7:subscriber.joined", "7:message.received", "8:message.received");
        var again = applier.apply(batch);

        assertThat(types(again)).as("the aggregator counts an event once: the join is reported again")
                .containsExactly("7:subscriber.joined", "7:message.received", "8:message.received");
        assertThat(subscribers.active).containsEntry("42", 1L);
        assertThat(subscribers.writes).containsExactly("join 100");
        assertThat(first.failed()).isEmpty();
        assertThat(first.fenced()).isEmpty();
    }

    @Test
    void aConversationWritesTheSubscriberOnlyWhenTheHourOrTheNamesChange() {
        applier.apply(List.of(message(1, "100", "Ann", T0)));
        subscribers.writes.clear();

        applier.apply(List.of(message(2, "100", "Ann", T0.plusSeconds(60)), message(3, "100", "Ann", T0.plusSeconds(120))));
        assertThat(subscribers.writes).as("same hour, same names").isEmpty();

        applier.apply(List.of(message(4, "100", "Ann", T0.plusSeconds(130)), message(5, "100", "Annie", T0.plusSeconds(140))));
        applier.apply(List.of(message(6, "100", "Annie", T0.plus(Duration.ofHours(1)))));
        assertThat(subscribers.writes).as("once per chat and batch, from its latest update").containsExactly("refresh 100", "refresh 100");
        assertThat(subscribers.subscribers.get("42/100").contact().firstName()).isEqualTo("Annie");
        assertThat(subscribers.subscribers.get("42/100").lastSeenHour()).isEqualTo("2026-11-30T11:00:00.000Z");
    }

    @Test
    void anUpdateAcceptedUnderAStaleEpochIsParkedNotApplied() {
        leases.put(new Lease("42", "standby", 4, T0.plus(Duration.ofMinutes(3))));
        AcceptedUpdate stale = message(9, "200", "Bob", T0);
        AcceptedUpdate status = new AcceptedUpdate(FENCE, 10, T0, "300", Optional.empty(),
                List.of(new AcceptedUpdate.Event("subscriber.left", Map.of())), true);

        var result = applier.apply(List.of(stale, status));

        assertThat(result.fenced()).containsExactly(stale);
        assertThat(types(result)).as("a status change was fenced in its own transaction: counted")
                .containsExactly("10:subscriber.left");
        assertThat(subscribers.subscribers).isEmpty();
        assertThat(parked.list("42", 10)).singleElement().satisfies(p -> {
            assertThat(p.updateId()).hasValue(9);
            assertThat(p.reason()).isEqualTo("fenced: accepted under epoch 3 of primary, the lease is now at epoch 4 of standby");
        });
    }

    @Test
    void theLeaseMovingBetweenTheReadAndTheFirstContactParksTheChatsUpdates() {
        AcceptedUpdate first = message(11, "400", "Cy", T0);
        subscribers.beforeJoin = () -> leases.put(new Lease("42", "standby", 4, T0.plus(Duration.ofMinutes(3))));
        var result = applier.apply(List.of(first));

        assertThat(result.applied()).isEmpty();
        assertThat(result.fenced()).containsExactly(first);
        assertThat(subscribers.subscribers).isEmpty();
    }

    @Test
    void aFailedRefreshFailsOnlyThatChatsUpdates() {
        applier.apply(List.of(message(1, "100", "Ann", T0), message(2, "500", "Dee", T0)));
        subscribers.failNextRefresh = new IllegalStateException("throttled");

        var result = applier.apply(List.of(message(3, "100", "Ann", T0.plus(Duration.ofHours(2))), message(4, "500", "Dee", T0)));

        assertThat(result.failed()).extracting(AcceptedUpdate::updateId).containsExactly(3L);
        assertThat(types(result)).containsExactly("4:message.received");
    }
}
