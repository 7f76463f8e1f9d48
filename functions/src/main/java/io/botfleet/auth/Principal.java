package io.botfleet.auth;

import io.botfleet.shared.errors.Refusal;
import java.util.Set;

/**
 * An authenticated caller: a user (by access token) or an API key. {@code botScope} empty means all bots;
 * {@code sessionId} is the user's refresh-token family (null for API keys).
 */
public record Principal(Kind kind, String id, String displayName, Role role, Set<Permission> permissions,
                        Set<String> botScope, String sessionId) {

    public enum Kind { USER, API_KEY }

    public Principal {
        permissions = Set.copyOf(permissions);
        botScope = Set.copyOf(botScope);
    }

    public Principal(Kind kind, String id, String displayName, Role role, Set<Permission> permissions, Set<String> botScope) {
        this(kind, id, displayName, role, permissions, botScope, null);
    }

    /** Refuses API keys where only a signed-in person may act: their own session and password, and the team. */
    void requireUser() {
        if (kind != Kind.USER) {
            throw Refusal.forbidden("FORBIDDEN", "API keys cannot do this; sign in as a user");
        }
    }

    public boolean can(Permission permission) {
        return permission == Permission.AUTHENTICATED || permissions.contains(permission);
    }

    public boolean canAccessBot(String botId) {
        return botScope.isEmpty() || botScope.contains(botId);
    }

    public boolean scoped() {
        return !botScope.isEmpty();
    }
}
