package io.botfleet.auth;

/**
 * An account-store write lost a race or hit a uniqueness guard. One type for {@link UserStore} and
 * {@link InviteStore}: both create users behind the same e-mail guard, so both can answer {@link Reason#EMAIL_TAKEN}.
 */
public final class ConflictException extends RuntimeException {
    public enum Reason { SETUP_DONE, EMAIL_TAKEN, INVITE_INVALID, VERSION_MISMATCH }

    private final Reason reason;

    public ConflictException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
