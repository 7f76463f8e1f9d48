package io.botfleet.auth;

import io.botfleet.shared.secrets.PlatformKeys;

/**
 * The first-start setup token, for the local runner to print. It is derived from the platform secret (on AWS: read
 * the secret and run the runner's helper, or {@code POST /api/setup} with it). The function itself never logs it.
 */
public final class SetupToken {
    private SetupToken() {}

    public static String value(PlatformKeys keys) {
        return keys.setupToken();
    }

    /** A line for a console: how to create the owner account. */
    public static String describe(PlatformKeys keys) {
        return "First start: create the owner account with setup token " + keys.setupToken()
                + " (dashboard setup page, or POST /api/setup {\"setupToken\",\"email\",\"password\",\"displayName\"}). "
                + "It works once.";
    }
}
