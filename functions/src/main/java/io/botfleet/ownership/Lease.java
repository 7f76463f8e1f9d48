package io.botfleet.ownership;

import java.time.Instant;

/**
 * Who owns a bot: {@code ownerId} (a deployment's instance id) until {@code leaseUntil}. {@code epoch} grows by one
 * on every change of owner and is the fencing token. A released lease keeps its epoch (ownerId empty) so that
 * epochs, and the webhook secrets derived from them, never repeat.
 */
public record Lease(String botId, String ownerId, long epoch, Instant leaseUntil) {

    public boolean ownedBy(String instanceId, Instant now) {
        return ownerId.equals(instanceId) && leaseUntil.isAfter(now);
    }

    public boolean expired(Instant now) {
        return !leaseUntil.isAfter(now);
    }

    /** The token every side-effecting write of this owner carries. */
    public Fence fence() {
        return new Fence(botId, ownerId, epoch);
    }
}
