package io.botfleet.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Single-owner leases on the in-memory store and a test clock: who may claim, renew and write, and when. */
class BotOwnershipTest {
    static final Duration LEASE = Duration.ofSeconds(30);

    final TestClock clock = new TestClock("2026-11-30T09:00:00Z");
    final InMemoryLeaseStore store = new InMemoryLeaseStore();
    final BotOwnership a = new BotOwnership(store, "a", LEASE, clock);
    final BotOwnership b = new BotOwnership(store, "b", LEASE, clock);

    @Test
    void theFirstClaimWinsWithEpochOneAndALiveLeaseCannotBeClaimedByAnother() {
        Lease lease = a.claim("7").orElseThrow();

        assertThat(lease).isEqualTo(new Lease("7", "a", 1, clock.instant().plus(LEASE)));
        assertThat(b.claim("7")).isEmpty();
        assertThat(a.claim("7")).as("not even by its owner: a claim is for a free bot").isEmpty();
        assertThat(a.held("7")).contains(lease);
        assertThat(b.held("7")).isEmpty();
    }

    @Test
    void renewingExtendsTheLeaseFromNowAndKeepsItsEpoch() {
        Lease lease = a.claim("7").orElseThrow();
        clock.advance(Duration.ofSeconds(20));

        Lease renewed = a.renew(lease).orElseThrow();

        assertThat(renewed.epoch()).isEqualTo(lease.epoch());
        assertThat(renewed.leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
        clock.advance(Duration.ofSeconds(20));
        assertThat(b.claim("7")).as("40 s after the claim, but only 20 s after the renewal").isEmpty();
        assertThat(a.held("7")).contains(renewed);
    }

    @Test
    void anotherInstanceTakesOverOnlyOnceTheLeaseHasExpired() {
        Lease lease = a.claim("7").orElseThrow();

        clock.advance(LEASE.minusMillis(1));
        assertThat(b.claim("7")).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(a.held("7")).as("a lease ends at its leaseUntil").isEmpty();
        Lease taken = b.claim("7").orElseThrow();

        assertThat(taken.ownerId()).isEqualTo("b");
        assertThat(taken.epoch()).isEqualTo(lease.epoch() + 1);
        assertThat(store.claims()).extracting(InMemoryLeaseStore.Claim::ownerId).containsExactly("a", "b");
    }

    @Test
    void aStaleOwnerCanNeitherRenewNorReleaseNorWriteWithItsFence() {
        Lease stale = a.claim("7").orElseThrow();
        clock.advance(LEASE);
        Lease current = b.claim("7").orElseThrow();
        AtomicInteger writes = new AtomicInteger();

        assertThat(a.renew(stale)).isEmpty();
        assertThat(a.release(stale)).isFalse();
        assertThat(store.ifHolds(stale.fence(), writes::incrementAndGet)).isFalse();
        assertThat(store.ifHolds(current.fence(), writes::incrementAndGet)).isTrue();

        assertThat(writes).hasValue(1);
        assertThat(a.current("7")).contains(current);
    }

    @Test
    void aRenewalThatCameTooLateButBeforeAnyTakeoverStillHoldsTheBot() {
        Lease lease = a.claim("7").orElseThrow();
        clock.advance(LEASE.plusSeconds(5));

        Lease renewed = a.renew(lease).orElseThrow();

        assertThat(renewed.epoch()).isEqualTo(lease.epoch());
        assertThat(b.claim("7")).isEmpty();
    }

    @Test
    void aReleasedBotCanBeClaimedAtOnceAndItsEpochNeverRepeats() {
        Lease lease = a.claim("7").orElseThrow();

        assertThat(a.release(lease)).isTrue();
        assertThat(a.held("7")).isEmpty();
        Lease next = b.claim("7").orElseThrow();

        assertThat(next.epoch()).isEqualTo(2);
        assertThat(store.holds(lease.fence())).isFalse();
        assertThat(store.holds(next.fence())).isTrue();
    }
}
