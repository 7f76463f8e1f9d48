package io.botfleet.auth;

import static io.botfleet.auth.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** The roles of the platform and the one table of what each may do. */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.allOf(Permission.class)),
    EDITOR(EnumSet.of(AUTHENTICATED, BOTS_READ, SUBSCRIBERS_READ, SUBSCRIBERS_MANAGE, CAMPAIGNS_READ, CAMPAIGNS_SEND)),
    ANALYST(EnumSet.of(AUTHENTICATED, BOTS_READ, SUBSCRIBERS_READ, CAMPAIGNS_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
