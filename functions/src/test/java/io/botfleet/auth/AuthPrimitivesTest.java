package io.botfleet.auth;

import io.botfleet.shared.ids.Ulid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthPrimitivesTest {
    @Test
    void ulidsSortByTimeAndRoundTripTheirTimestamp() {
        Instant t = Instant.parse("2026-11-26T10:15:30.123Z");
        String a = Ulid.next(t);
        String b = Ulid.next(t.plusMillis(1));
        assertThat(Ulid.isValid(a)).isTrue();
        assertThat(a).hasSize(26).isLessThan(b);
        assertThat(Ulid.time(a)).isEqualTo(t);
        assertThat(Ulid.lowest(t)).isLessThanOrEqualTo(a);
        assertThat(Ulid.highest(t)).isGreaterThanOrEqualTo(a).isLessThan(b);
        assertThat(Ulid.predecessor(a)).isLessThan(a);
        assertThat(Ulid.successor(Ulid.predecessor(a))).isEqualTo(a);
        assertThat(Ulid.isValid("not-a-ulid")).isFalse();
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            many.add(Ulid.next(t));
        }
        assertThat(many).hasSize(1000);
    }

    @Test
    void loginBackoffDoublesFromTheThresholdAndIsCapped() {
        Duration base = Duration.ofSeconds(30);
        assertThat(LoginBackoff.delay(4, 5, base)).isZero();
        assertThat(LoginBackoff.delay(5, 5, base)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginBackoff.delay(6, 5, base)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoginBackoff.delay(9, 5, base)).isEqualTo(Duration.ofMinutes(8));
        assertThat(LoginBackoff.delay(10, 5, base)).isEqualTo(LoginBackoff.MAX_DELAY);
        assertThat(LoginBackoff.delay(1_000_000, 5, base)).isEqualTo(LoginBackoff.MAX_DELAY);
    }

    @Test
    void argon2idHashesAreSaltedPhcStringsAndVerify() {
        PasswordHasher hasher = new PasswordHasher();
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", a)).isFalse();
        assertThat(hasher.verify("x", "$2a$10$notargon")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
    }

    @Test
    void secretsAreRandomAndHashedAndComparedSafely() {
        String s = Secrets.randomToken();
        assertThat(Secrets.isBase64UrlToken(s)).isTrue();
        assertThat(Secrets.randomToken()).isNotEqualTo(s);
        assertThat(Secrets.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.constantTimeEquals("a", "a")).isTrue();
        assertThat(Secrets.constantTimeEquals("a", "b")).isFalse();
        assertThat(Secrets.constantTimeEquals(null, "b")).isFalse();
        assertThat(Secrets.randomBase32(12)).matches("[a-z2-7]{12}");
    }

    @Test
    void rolesManageOnlyRolesBelowThemAndNobodyGrantsOwner() {
        assertThat(Role.OWNER.manages(Role.ADMIN)).isTrue();
        assertThat(Role.OWNER.manages(Role.OWNER)).isFalse();
        assertThat(Role.ADMIN.manages(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.manages(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.manages(Role.ANALYST)).isTrue();
        assertThat(Role.ANALYST.manages(Role.ANALYST)).isFalse();
        assertThat(Role.ANALYST.permissions()).doesNotContain(Permission.CAMPAIGNS_SEND, Permission.SUBSCRIBERS_MANAGE,
                Permission.BOTS_MANAGE, Permission.USERS_MANAGE);
        assertThat(Role.EDITOR.permissions()).contains(Permission.CAMPAIGNS_SEND).doesNotContain(Permission.BOTS_MANAGE,
                Permission.USERS_MANAGE, Permission.API_KEYS_MANAGE, Permission.AUDIT_READ);
    }
}
