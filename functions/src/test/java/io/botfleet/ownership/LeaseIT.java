package io.botfleet.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.bots.DynamoBotStore;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@LocalAws
class LeaseIT {

    @Test
    void manyConcurrentClaimsOfOneBotHaveExactlyOneWinnerEveryRound(LocalAwsStack stack) throws Exception {
        DynamoLeaseStore store = new DynamoLeaseStore(stack.clients().dynamoDb(), stack.resource("BotsTable").ref());
        int contenders = 12;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            Instant now = Instant.now();
            long previousEpoch = 0;
            for (int round = 1; round <= 3; round++) {
                // round 1: lease absent; later rounds: the lease of the previous winner has expired
                Instant at = now.plusSeconds(100L * round);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<Lease>>> results = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    String owner = "instance-" + i;
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.claim("4242", owner, at, at.plusSeconds(50));
                    }));
                }
                go.countDown();
                List<Lease> winners = new ArrayList<>();
                for (var f : results) {
                    f.get().ifPresent(winners::add);
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                // epochs grow with every change of owner (on DynamoDB by exactly one; racing writes on moto may skip one)
                assertThat(winners.get(0).epoch()).isGreaterThan(previousEpoch);
                previousEpoch = winners.get(0).epoch();
                assertThat(store.get("4242").orElseThrow()).isEqualTo(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renewReleaseAndFencingFollowTheEpoch(LocalAwsStack stack) {
        String table = stack.resource("BotsTable").ref();
        DynamoLeaseStore store = new DynamoLeaseStore(stack.clients().dynamoDb(), table);
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        BotOwnership a = new BotOwnership(store, "a", Duration.ofSeconds(30), clock);
        BotOwnership b = new BotOwnership(store, "b", Duration.ofSeconds(30), clock);

        Lease leaseA = a.claim("77").orElseThrow();
        assertThat(leaseA.epoch()).isEqualTo(1);
        assertThat(b.claim("77")).as("live lease cannot be claimed").isEmpty();
        clock.advance(Duration.ofSeconds(20));
        leaseA = a.renew(leaseA).orElseThrow();
        clock.advance(Duration.ofSeconds(20));
        assertThat(b.claim("77")).as("renewed lease still live").isEmpty();

        clock.advance(Duration.ofSeconds(11));
        Lease leaseB = b.claim("77").orElseThrow();
        assertThat(leaseB.epoch()).isEqualTo(2);
        assertThat(a.renew(leaseA)).as("stale owner cannot renew").isEmpty();
        assertThat(a.release(leaseA)).as("stale owner cannot release").isFalse();

        // fenced writes: the stale owner's write is rejected, the owner's goes through
        DynamoBotStore bots = new DynamoBotStore(stack.clients().dynamoDb(), table);
        Lease stale = leaseA;
        assertThatThrownBy(() -> bots.setWebhookState("77", "attached", stale.fence())).isInstanceOf(LeaseStore.FencedOut.class);

        assertThat(b.release(leaseB)).isTrue();
        Lease again = a.claim("77").orElseThrow();
        assertThat(again.epoch()).as("epochs never repeat after a release").isEqualTo(3);
    }
}
