package io.botfleet.auth;

/**
 * Told when what a user may see changed or their sessions ended (a new role, bot scope or status, a sign-out, a new
 * password), so that what holds the user's earlier access — the dashboards' open connections — can let go of it.
 */
@FunctionalInterface
public interface AccessChanges {
    AccessChanges NONE = userId -> { };

    void changed(String userId);
}
