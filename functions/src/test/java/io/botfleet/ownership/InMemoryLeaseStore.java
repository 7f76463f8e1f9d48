package io.botfleet.ownership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases in memory with DynamoLeaseStore's conditions, each change atomic per bot (as one conditional write is):
 * claim while absent, released or expired (epoch + 1); renew and release only with the same owner and epoch.
 * Keeps a log of successful claims, so a test can see that a lease was never claimed twice.
 */
public final class InMemoryLeaseStore implements LeaseStore {

    /** A successful claim. */
    public record Claim(String botId, String ownerId, long epoch) {}

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final List<Claim> claims = new ArrayList<>();
    private volatile Runnable beforeEachCall = () -> { };

    /** Runs before every call (e.g. {@code Thread::yield}, to mix the interleavings of concurrent callers). */
    public void beforeEachCall(Runnable hook) {
        this.beforeEachCall = hook;
    }

    public void put(Lease lease) {
        leases.put(lease.botId(), lease);
    }

    /** Whether writes with this fence would pass: the lease still has its owner and epoch. */
    public boolean holds(Fence fence) {
        Lease current = leases.get(fence.botId());
        return current != null && current.ownerId().equals(fence.ownerId()) && current.epoch() == fence.epoch();
    }

    /**
     * Runs {@code write} only while the fence holds, atomically with the bot's lease changes (a fenced
     * TransactWriteItems: condition check on the lease item and the write); false when the fence is stale.
     */
    public boolean ifHolds(Fence fence, Runnable write) {
        boolean[] ok = new boolean[1];
        leases.computeIfPresent(fence.botId(), (id, current) -> {
            ok[0] = current.ownerId().equals(fence.ownerId()) && current.epoch() == fence.epoch();
            if (ok[0]) {
                write.run();
            }
            return current;
        });
        return ok[0];
    }

    public synchronized List<Claim> claims() {
        return List.copyOf(claims);
    }

    @Override
    public Optional<Lease> claim(String botId, String ownerId, Instant now, Instant leaseUntil) {
        beforeEachCall.run();
        Lease[] won = new Lease[1];
        leases.compute(botId, (id, current) -> {
            if (current != null && current.leaseUntil().toEpochMilli() > now.toEpochMilli()) {
                return current;
            }
            won[0] = new Lease(botId, ownerId, current == null ? 1 : current.epoch() + 1, leaseUntil);
            synchronized (this) {
                claims.add(new Claim(botId, ownerId, won[0].epoch()));
            }
            return won[0];
        });
        return Optional.ofNullable(won[0]);
    }

    @Override
    public Optional<Lease> renew(Lease lease, Instant now, Instant leaseUntil) {
        beforeEachCall.run();
        Lease renewed = new Lease(lease.botId(), lease.ownerId(), lease.epoch(), leaseUntil);
        boolean[] ok = new boolean[1];
        leases.computeIfPresent(lease.botId(), (id, current) -> {
            ok[0] = current.ownerId().equals(lease.ownerId()) && current.epoch() == lease.epoch();
            return ok[0] ? renewed : current;
        });
        return ok[0] ? Optional.of(renewed) : Optional.empty();
    }

    @Override
    public boolean release(Lease lease) {
        beforeEachCall.run();
        boolean[] ok = new boolean[1];
        leases.computeIfPresent(lease.botId(), (id, current) -> {
            ok[0] = current.ownerId().equals(lease.ownerId()) && current.epoch() == lease.epoch();
            return ok[0] ? new Lease(id, "", current.epoch(), Instant.EPOCH) : current;
        });
        return ok[0];
    }

    @Override
    public Optional<Lease> get(String botId) {
        beforeEachCall.run();
        return Optional.ofNullable(leases.get(botId));
    }
}
