package io.botfleet.telegram.emulator;

/** Masks bot tokens for display: {@code 123456:AA…xY}. Full tokens are never printed. */
public final class TokenMask {

    private TokenMask() {
    }

    public static String mask(String token) {
        if (token == null) {
            return "null";
        }
        int colon = token.indexOf(':');
        String secret = colon < 0 ? token : token.substring(colon + 1);
        String id = colon < 0 ? "" : token.substring(0, colon + 1);
        if (secret.length() < 8) {
            return id + "…";
        }
        return id + secret.substring(0, 2) + "…" + secret.substring(secret.length() - 2);
    }
}
