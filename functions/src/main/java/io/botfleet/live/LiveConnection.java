package io.botfleet.live;

import io.botfleet.auth.Role;
import java.time.Instant;
import java.util.Set;

/**
 * A dashboard's open WebSocket: who opened it, what they may see and when the record lapses (API Gateway closes a
 * connection after two hours at most, so the record never needs to outlive that).
 *
 * @param botScope the bots the user is limited to; empty means every bot
 */
public record LiveConnection(String connectionId, String userId, Role role, Set<String> botScope, Instant expiresAt) {

    public LiveConnection {
        botScope = Set.copyOf(botScope);
    }

    /** Owners and admins see every bot; editors and analysts the bots of their scope, or all when it is empty. */
    public boolean canSee(String botId) {
        return role == Role.OWNER || role == Role.ADMIN || botScope.isEmpty() || botScope.contains(botId);
    }

    public boolean expired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
