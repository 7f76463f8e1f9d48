package io.botfleet.bots;

import io.botfleet.telegram.BotToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bot tokens at rest: AES-256-GCM with a random 96-bit nonce and the bot id as associated data, so a cipher text
 * copied onto another bot's item does not decrypt. Format: base64("v1" nonce || cipher text || tag). The key comes
 * from the platform secret (cached by the supplier); errors never include the token or the key.
 */
public final class TokenCipher {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<byte[]> key;

    public TokenCipher(Supplier<byte[]> key) {
        this.key = key;
    }

    public String encrypt(String botId, BotToken token) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(botId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(token.reveal().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token encryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    public BotToken decrypt(String botId, String cipherText) {
        try {
            byte[] all = Base64.getDecoder().decode(cipherText);
            if (all.length < 1 + NONCE_BYTES + TAG_BITS / 8 || all[0] != VERSION) {
                throw new IllegalStateException("stored token of bot " + botId + " has an unknown format");
            }
            byte[] nonce = java.util.Arrays.copyOfRange(all, 1, 1 + NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce);
            cipher.updateAAD(botId.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, 1 + NONCE_BYTES, all.length - 1 - NONCE_BYTES);
            return BotToken.parse(new String(plain, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new IllegalStateException("stored token of bot " + botId + " is not a token"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored token of bot " + botId + " does not decrypt (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        byte[] k = key.get();
        if (k.length != 32) {
            throw new IllegalStateException("token encryption key must be 32 bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
