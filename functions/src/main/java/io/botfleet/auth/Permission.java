package io.botfleet.auth;

/** What a caller may do. Roles are sets of permissions (see {@link Role}); routes each require one. */
public enum Permission {
    /** Any signed-in user or key: own profile, logout, health detail. */
    AUTHENTICATED,
    BOTS_READ,
    BOTS_MANAGE,
    SUBSCRIBERS_READ,
    SUBSCRIBERS_MANAGE,
    CAMPAIGNS_READ,
    CAMPAIGNS_SEND,
    USERS_MANAGE,
    API_KEYS_MANAGE,
    AUDIT_READ,
    OPERATIONS,
    /** Every table as stored (secrets redacted): the owner's alone. */
    RAW_DATA_READ,
    /** Exports of every table to the backup bucket and their restore: the owner's alone. */
    BACKUPS,
    /** A bot's statistics: every role that reads bots has it. */
    ANALYTICS_READ
}
