package io.botfleet.bots;

import io.botfleet.shared.secrets.PlatformKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Per-bot webhook secrets: base64url(HMAC-SHA256(key, botId + "#" + epoch)), 43 characters of Telegram's
 * {@code secret_token} alphabet. Bound to the ownership epoch, so after a fail-over the previous owner's secret
 * stops verifying. Nothing is stored: the webhook recomputes and compares in constant time.
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

    /** Constant-time check of the header Telegram sent; false for a missing header. */
    public boolean verify(String botId, long epoch, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secretFor(botId, epoch).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
