package io.botfleet.auth;

import java.util.Set;

/**
 * An authenticated caller: a user (by access token) or an API key. {@code botScope} empty means all bots.
 */
public record Principal(Kind kind, String id, String displayName, Role role, Set<Permission> permissions,
                        Set<String> botScope) {

    public enum Kind { USER, API_KEY }

    public Principal {
        permissions = Set.copyOf(permissions);
        botScope = Set.copyOf(botScope);
    }

    public boolean can(Permission permission) {
        return permission == Permission.AUTHENTICATED || permissions.contains(permission);
    }

    public boolean canAccessBot(String botId) {
        return botScope.isEmpty() || botScope.contains(botId);
    }
}
