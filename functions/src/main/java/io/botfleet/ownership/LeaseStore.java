package io.botfleet.ownership;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where leases live; every method is one conditional write or read. */
public interface LeaseStore {

    /** Takes the lease when it is absent, released or expired at {@code now}; increments the epoch. */
    Optional<Lease> claim(String botId, String ownerId, Instant now, Instant leaseUntil);

    /** Extends the lease while {@code lease.ownerId()} still holds {@code lease.epoch()}. */
    Optional<Lease> renew(Lease lease, Instant now, Instant leaseUntil);

    /** Gives the lease up (epoch kept); false when the caller no longer held it. */
    boolean release(Lease lease);

    Optional<Lease> get(String botId);

    /** The leases of these bots, read together for an overview (bots without one are absent). */
    default Map<String, Lease> getAll(Collection<String> botIds) {
        Map<String, Lease> found = new HashMap<>();
        botIds.forEach(id -> get(id).ifPresent(lease -> found.put(id, lease)));
        return found;
    }

    /** Thrown by fenced writes whose fence is stale: another owner took the bot. */
    final class FencedOut extends RuntimeException {
        public FencedOut(Fence fence) {
            super("write for bot " + fence.botId() + " fenced out: epoch " + fence.epoch() + " of " + fence.ownerId()
                    + " is no longer current", null, false, false);
        }
    }
}
