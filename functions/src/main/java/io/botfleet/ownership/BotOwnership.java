package io.botfleet.ownership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * This deployment's side of single-owner leases: claim, renew, release. Two instances racing to claim one bot: the
 * store's conditional write lets exactly one win.
 */
public final class BotOwnership {
    private final LeaseStore store;
    private final String instanceId;
    private final Duration leaseDuration;
    private final Clock clock;

    public BotOwnership(LeaseStore store, String instanceId, Duration leaseDuration, Clock clock) {
        this.store = store;
        this.instanceId = instanceId;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration leaseDuration() {
        return leaseDuration;
    }

    public Optional<Lease> current(String botId) {
        return store.get(botId);
    }

    /** The current leases of these bots (for an overview of many). */
    public Map<String, Lease> current(Collection<String> botIds) {
        return store.getAll(botIds);
    }

    /** Claims the bot for this instance if nobody holds it; returns the lease this instance now holds. */
    public Optional<Lease> claim(String botId) {
        Instant now = clock.instant();
        return store.claim(botId, instanceId, now, now.plus(leaseDuration));
    }

    /** The lease this instance holds, renewed; empty when it was lost to another instance (or expired and taken). */
    public Optional<Lease> renew(Lease lease) {
        Instant now = clock.instant();
        return store.renew(lease, now, now.plus(leaseDuration));
    }

    public boolean release(Lease lease) {
        return store.release(lease);
    }

    /** The live lease of this instance for the bot, or empty. */
    public Optional<Lease> held(String botId) {
        Instant now = clock.instant();
        return store.get(botId).filter(l -> l.ownedBy(instanceId, now));
    }
}
