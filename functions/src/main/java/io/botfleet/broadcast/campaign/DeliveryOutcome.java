package io.botfleet.broadcast.campaign;

/** What happened to one recipient of a campaign; one character each in the ledger. */
public enum DeliveryOutcome {
    PENDING('.', false),
    SENT('S', true),
    /** 403 bot was blocked by the user; the subscriber becomes blocked. */
    BLOCKED('B', true),
    /** 403 user is deactivated: the account is deleted for good; the subscriber becomes deactivated. */
    DEACTIVATED('D', true),
    /** 403 bot can't initiate conversation with a user: never started the bot; the subscriber becomes not_started. */
    NOT_STARTED('I', true),
    /** 403 bot was kicked from the group / supergroup chat; the subscriber (a group) becomes kicked. */
    KICKED('K', true),
    /** 400 chat not found / deactivated: permanent. */
    NOT_FOUND('N', true),
    /** Another permanent 4xx (reason recorded). */
    FAILED('F', true),
    /** 5xx or network errors outlasted the bounded retries of this attempt; redelivery or redrive retries it. */
    TRANSIENT('T', false),
    /**
     * Possibly sent (at-most-once policy): the sender stopped while the request was in flight, or Telegram did not
     * answer a request it may have carried out (a read timeout); never sent again.
     */
    UNKNOWN('U', true),
    /** The campaign was cancelled before this recipient's turn. */
    CANCELLED('C', true);

    private final char code;
    private final boolean terminal;

    DeliveryOutcome(char code, boolean terminal) {
        this.code = code;
        this.terminal = terminal;
    }

    public char code() {
        return code;
    }

    /** Terminal outcomes are never sent again; the others are sent on the next attempt. */
    public boolean terminal() {
        return terminal;
    }

    public static DeliveryOutcome of(char code) {
        for (DeliveryOutcome o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome code " + code);
    }
}
