package io.botfleet.clicks;

import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.secrets.PlatformKeys;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs and verifies the codes of tracked links ({@code GET /r/{code}}) and of ad callback buttons. A code is
 * base64url (no padding) of: a format byte, the campaign id (a ULID's 16 bytes), the link index (1 byte), the chat id
 * (8 bytes) and the first 12 bytes of HMAC-SHA256 over all of that under the platform's click key — 38 bytes, 51
 * characters. Verifying needs no lookup, a code cannot be guessed or altered (96 bits of MAC), and a callback button's
 * {@code ad:} + code is 54 bytes, within Telegram's 64 for callback_data.
 */
public final class ClickCodes {
    static final byte FORMAT = 1;
    static final int MAC_BYTES = 12;
    static final int BODY_BYTES = 1 + 16 + 1 + 8;
    public static final int LENGTH = 51;
    /** What an ad's callback button carries: this prefix and the code. */
    public static final String CALLBACK_PREFIX = "ad:";

    private final Supplier<byte[]> key;

    /** @param key the click key ({@link PlatformKeys#clickCodeKey()}), read when needed so that a cached secret is used */
    public ClickCodes(Supplier<byte[]> key) {
        this.key = key;
    }

    public String encode(ClickTarget target) {
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES + MAC_BYTES);
        body.put(FORMAT).put(Ulid.toBytes(target.campaignId())).put((byte) target.link()).putLong(target.chatId());
        byte[] bytes = body.array();
        System.arraycopy(mac(bytes), 0, bytes, BODY_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The target of a code this platform signed; empty for anything else (malformed, altered, another key's). */
    public Optional<ClickTarget> decode(String code) {
        if (code == null || code.length() != LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(code);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // a code's last character carries spare bits: only the one spelling the platform wrote is its code, so that
        // no altered code leads anywhere
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(code)) {
            return Optional.empty();
        }
        if (bytes.length != BODY_BYTES + MAC_BYTES || bytes[0] != FORMAT
                || !MessageDigest.isEqual(Arrays.copyOf(mac(bytes), MAC_BYTES), Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(bytes);
        body.get();
        byte[] campaign = new byte[16];
        body.get(campaign);
        int link = Byte.toUnsignedInt(body.get());
        long chatId = body.getLong();
        return Optional.of(new ClickTarget(Ulid.fromBytes(campaign), link, chatId));
    }

    /** The callback_data of an ad's callback button. */
    public String callbackData(ClickTarget target) {
        return CALLBACK_PREFIX + encode(target);
    }

    /** The target of an ad button's callback_data; empty for any other data. */
    public Optional<ClickTarget> fromCallbackData(String data) {
        return data != null && data.startsWith(CALLBACK_PREFIX) ? decode(data.substring(CALLBACK_PREFIX.length())) : Optional.empty();
    }

    private byte[] mac(byte[] bytes) {
        return PlatformKeys.hmac(key.get(), Arrays.copyOf(bytes, BODY_BYTES));
    }
}
