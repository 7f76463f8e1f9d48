package io.botfleet.auth;

import io.botfleet.shared.ids.Ulid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    final PlatformKeys keys = PlatformKeys.fromSeed("a-test-seed-that-is-long-enough-for-hkdf-0123456789");
    final TokenService tokens = new TokenService(() -> keys);
    final Instant now = Instant.parse("2026-11-26T10:00:00Z");
    final User user = new User(Ulid.next(now), "e@example.com", "E", Role.EDITOR, Set.of("7", "3"), User.Status.ACTIVE,
            "hash", now, null, 1);
    final String sid = Ulid.next(now);

    @Test
    void issuesAndVerifiesItsOwnTokensWithAllClaims() throws Exception {
        String jwt = tokens.issue(user, sid, now);
        var claims = tokens.verify(jwt, now.plusSeconds(60));
        assertThat(claims.userId()).isEqualTo(user.userId());
        assertThat(claims.sessionId()).isEqualTo(sid);
        assertThat(claims.role()).isEqualTo(Role.EDITOR);
        assertThat(claims.botIds()).containsExactlyInAnyOrder("3", "7");
        var set = SignedJWT.parse(jwt).getJWTClaimsSet();
        assertThat(set.getIssuer()).isEqualTo("botfleet");
        assertThat(set.getAudience()).containsExactly(TokenService.AUDIENCE);
        assertThat(set.getJWTID()).isNotBlank();
        assertThat(set.getExpirationTime().toInstant()).isEqualTo(now.plus(TokenService.ACCESS_LIFETIME));
        assertThat(SignedJWT.parse(jwt).getHeader().getAlgorithm().getName()).isEqualTo("HS256");
    }

    @Test
    void expiresAfterFifteenMinutesWithSmallSkew() {
        String jwt = tokens.issue(user, sid, now);
        tokens.verify(jwt, now.plusSeconds(15 * 60 + 20));
        assertThatThrownBy(() -> tokens.verify(jwt, now.plusSeconds(15 * 60 + 31)))
                .isInstanceOfSatisfying(TokenService.InvalidTokenException.class, e -> assertThat(e.expired()).isTrue());
        assertThatThrownBy(() -> tokens.verify(jwt, now.minusSeconds(120)))
                .isInstanceOfSatisfying(TokenService.InvalidTokenException.class, e -> assertThat(e.expired()).isFalse());
    }

    @Test
    void anotherPlatformsKeyIsNotAccepted() {
        TokenService other = new TokenService(() -> PlatformKeys.fromSeed("another-seed-that-is-long-enough-for-hkdf-98765"));
        String jwt = other.issue(user, sid, now);
        assertThatThrownBy(() -> tokens.verify(jwt, now)).isInstanceOf(TokenService.InvalidTokenException.class);
    }

    @Test
    void malformedAndOversizedTokensAreRejectedNotThrownAsSomethingElse() {
        for (String bad : new String[] {"", "a.b", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "x".repeat(5000), null}) {
            assertThatThrownBy(() -> tokens.verify(bad, now)).isInstanceOf(TokenService.InvalidTokenException.class);
        }
    }
}
