package io.botfleet.telegram.emulator;

/** A bot known to the emulator. {@link #toString()} masks the token so that logging a bot never leaks it. */
public record EmulatedBot(long id, String token, String username, String firstName) {

    @Override
    public String toString() {
        return "EmulatedBot[id=" + id + ", token=" + TokenMask.mask(token) + ", username=" + username
                + ", firstName=" + firstName + "]";
    }
}
