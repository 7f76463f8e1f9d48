package io.botfleet.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.telegram.BotToken;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCipherTest {
    private static final byte[] KEY = new byte[32];
    static {
        new SecureRandom().nextBytes(KEY);
    }

    private final TokenCipher cipher = new TokenCipher(() -> KEY);
    private final BotToken token = BotToken.parse("7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw").orElseThrow();

    @Test
    void roundTripsAndNeverRepeatsCipherText() {
        String a = cipher.encrypt("7000000001", token);
        String b = cipher.encrypt("7000000001", token);
        assertThat(a).isNotEqualTo(b).doesNotContain(token.reveal()).doesNotContain("AAHdqTcv");
        assertThat(cipher.decrypt("7000000001", a).reveal()).isEqualTo(token.reveal());
    }

    @Test
    void cipherTextIsBoundToTheBotId() {
        String sealed = cipher.encrypt("7000000001", token);
        assertThatThrownBy(() -> cipher.decrypt("7000000002", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(token.reveal());
    }

    @Test
    void tamperingAndAnotherKeyAreDetected() {
        byte[] raw = Base64.getDecoder().decode(cipher.encrypt("7000000001", token));
        raw[raw.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt("7000000001", tampered)).isInstanceOf(IllegalStateException.class);
        byte[] other = KEY.clone();
        other[0] ^= 1;
        String sealed = cipher.encrypt("7000000001", token);
        assertThatThrownBy(() -> new TokenCipher(() -> other).decrypt("7000000001", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tokensAreMaskedEverywhereTheyArePrinted() {
        assertThat(token.masked()).isEqualTo("7000000001:AA…aw");
        assertThat(token.toString()).isEqualTo(token.masked());
        assertThat(token.botId()).isEqualTo("7000000001");
        assertThat(BotToken.parse("not a token")).isEmpty();
        assertThat(BotToken.parse("123:short")).isEmpty();
    }

    @Test
    void webhookSecretsUseTelegramsAlphabetAndChangeWithTheEpoch() {
        WebhookSecrets secrets = new WebhookSecrets(() -> KEY);
        String s1 = secrets.secretFor("7000000001", 1);
        String s2 = secrets.secretFor("7000000001", 2);
        assertThat(s1).matches("[A-Za-z0-9_-]{1,256}").isNotEqualTo(s2);
        assertThat(secrets.verify("7000000001", 1, s1)).isTrue();
        assertThat(secrets.verify("7000000001", 2, s1)).isFalse();
        assertThat(secrets.verify("7000000001", 1, null)).isFalse();
        assertThat(secrets.verify("7000000002", 1, s1)).isFalse();
    }

    @Test
    void aStoredHashChecksTheSecretOfItsEpochAndGivesNoSecretAway() {
        WebhookSecrets secrets = new WebhookSecrets(() -> KEY);
        String secret = secrets.secretFor("7000000001", 1);
        String hash = secrets.hashFor("7000000001", 1);
        assertThat(hash).isNotEqualTo(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(WebhookSecrets.matchesHash(hash, secret)).isTrue();
        assertThat(WebhookSecrets.matchesHash(hash, secrets.secretFor("7000000001", 2))).isFalse();
        assertThat(WebhookSecrets.matchesHash(hash, hash)).as("the hash is not a secret that verifies").isFalse();
        assertThat(WebhookSecrets.matchesHash(hash, null)).isFalse();
    }
}
