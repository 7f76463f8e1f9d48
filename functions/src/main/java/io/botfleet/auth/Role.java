package io.botfleet.auth;

import static io.botfleet.auth.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of the platform and the one table of what each may do (docs/permissions.md is generated from the same
 * facts and checked by a test). Routes name the permission they need; nothing else decides access.
 *
 * <ul>
 *   <li>owner — everything; the one account created at first start; cannot be disabled or demoted</li>
 *   <li>admin — everything but the raw data viewer and backups, and manages only editors and analysts (not the owner, not other
 *   admins)</li>
 *   <li>editor — compose and send: bots read, subscribers, campaigns</li>
 *   <li>analyst — read-only</li>
 * </ul>
 * Editors and analysts can be restricted to some bots; owner and admin always see every bot.
 */
public enum Role {
    OWNER(4, EnumSet.allOf(Permission.class)),
    ADMIN(3, EnumSet.complementOf(EnumSet.of(RAW_DATA_READ, BACKUPS))),
    EDITOR(2, EnumSet.of(AUTHENTICATED, BOTS_READ, SUBSCRIBERS_READ, SUBSCRIBERS_MANAGE, CAMPAIGNS_READ, CAMPAIGNS_SEND,
            ANALYTICS_READ)),
    ANALYST(1, EnumSet.of(AUTHENTICATED, BOTS_READ, SUBSCRIBERS_READ, CAMPAIGNS_READ, ANALYTICS_READ));

    private final int rank;
    private final Set<Permission> permissions;

    Role(int rank, Set<Permission> permissions) {
        this.rank = rank;
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether users of this role may be limited to some bots. */
    public boolean botScopable() {
        return this == EDITOR || this == ANALYST;
    }

    /**
     * Whether a user of this role may give {@code other} to someone, or manage someone who has it: only roles below
     * one's own; the owner may also manage admins. Nobody grants owner.
     */
    public boolean manages(Role other) {
        return other != OWNER && (this == OWNER || other.rank < rank);
    }
}
