package io.botfleet.bots;

import io.botfleet.shared.secrets.PlatformKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Per-bot webhook secrets: base64url(HMAC-SHA256(key, botId + "#" + epoch)), 43 characters of Telegram's
 * {@code secret_token} alphabet. Bound to the ownership epoch, so after a fail-over the previous owner's secret
 * stops verifying. The secret itself is never stored. What is stored, when the webhook is pointed, is its SHA-256
 * ({@link #hashFor}): the webhook checks a header against that without the platform key, so its cold start reads
 * no secret; a hash of 256 random-looking bits gives nothing to recover or replay.
 */
public final class WebhookSecrets {
    private final Supplier<byte[]> key;

    public WebhookSecrets(Supplier<byte[]> key) {
        this.key = key;
    }

    public String secretFor(String botId, long epoch) {
        byte[] mac = PlatformKeys.hmac(key.get(), (botId + "#" + epoch).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** What is stored to check the secret of {@code epoch} by: base64url(SHA-256(secret)). */
    public String hashFor(String botId, long epoch) {
        return hash(secretFor(botId, epoch));
    }

    /** Constant-time check of the header Telegram sent against a stored {@link #hashFor}; false for a missing header. */
    public static boolean matchesHash(String storedHash, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Constant-time check of the header Telegram sent; false for a missing header. */
    public boolean verify(String botId, long epoch, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secretFor(botId, epoch).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
