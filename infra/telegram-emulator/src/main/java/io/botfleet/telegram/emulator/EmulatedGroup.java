package io.botfleet.telegram.emulator;

/**
 * A simulated group every bot is a member of; group ids are negative, as in Telegram.
 *
 * @param type {@code group} for a basic group (ids like {@code -4500000001}), {@code supergroup} for a supergroup
 *             (ids like {@code -1002000000001})
 */
public record EmulatedGroup(long id, String title, String type) {

    public static final String BASIC = "group";
    public static final String SUPERGROUP = "supergroup";

    /** A supergroup, the kind {@code createGroup} has always made. */
    public EmulatedGroup(long id, String title) {
        this(id, title, SUPERGROUP);
    }

    public EmulatedGroup {
        if (!type.equals(BASIC) && !type.equals(SUPERGROUP)) {
            throw new IllegalArgumentException("a group's type is \"group\" or \"supergroup\", not \"" + type + "\"");
        }
    }

    public boolean isBasic() {
        return type.equals(BASIC);
    }
}
