package io.botfleet.shared.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform's keys, derived with HKDF-SHA256 (RFC 5869) from the one random seed in the platform secret: one
 * secret to generate, store and rotate, and keys that are independent of each other because each has its own label.
 * {@link #toString()} never shows key material.
 */
public final class PlatformKeys {
    private final byte[] tokenEncryptionKey;
    private final byte[] jwtSigningKey;
    private final byte[] webhookSecretKey;
    private final byte[] clickCodeKey;
    private final String setupToken;

    private PlatformKeys(byte[] seed) {
        byte[] prk = hmac("botfleet-platform-secret".getBytes(StandardCharsets.UTF_8), seed);
        this.tokenEncryptionKey = expand(prk, "token-encryption/aes-256-gcm");
        this.jwtSigningKey = expand(prk, "jwt-signing/hs256");
        this.webhookSecretKey = expand(prk, "webhook-secret/hmac-sha256");
        this.clickCodeKey = expand(prk, "click-code/hmac-sha256");
        this.setupToken = HexFormat.of().formatHex(Arrays.copyOf(expand(prk, "setup-token"), 20));
    }

    public static PlatformKeys fromSeed(String seed) {
        if (seed == null || seed.length() < 32) {
            throw new IllegalStateException("the platform secret's seed must have at least 32 characters");
        }
        return new PlatformKeys(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** AES-256-GCM key for bot tokens at rest. */
    public byte[] tokenEncryptionKey() {
        return tokenEncryptionKey.clone();
    }

    /** HMAC-SHA256 key for access tokens (32 bytes, the size HS256 requires). */
    public byte[] jwtSigningKey() {
        return jwtSigningKey.clone();
    }

    /** Key from which each bot's webhook secret is derived (with bot id and ownership epoch). */
    public byte[] webhookSecretKey() {
        return webhookSecretKey.clone();
    }

    /** HMAC-SHA256 key that signs the click-tracking codes of ad links and buttons. */
    public byte[] clickCodeKey() {
        return clickCodeKey.clone();
    }

    /** One-time token that creates the owner account on first start. */
    public String setupToken() {
        return setupToken;
    }

    @Override
    public String toString() {
        return "PlatformKeys[redacted]";
    }

    private static byte[] expand(byte[] prk, String label) {
        // one HKDF-Expand block is 32 bytes: all any key here needs
        byte[] info = label.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return hmac(prk, input);
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
