package io.botfleet.auth;

import io.botfleet.shared.ids.Ulid;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.botfleet.shared.secrets.PlatformKeys;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Access tokens: JWTs signed with HS256 under the platform's JWT key, 15 minutes, claims {@code sub role bots sid iss
 * aud exp iat jti}. Verification pins the algorithm: a token whose header says anything but HS256 ({@code none},
 * RS256, HS512...) is rejected before any signature check.
 */
public final class TokenService {
    public static final String ISSUER = "botfleet";
    public static final String AUDIENCE = "botfleet-admin-api";
    public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** The verified content of an access token. */
    public record AccessClaims(String userId, String sessionId, Role role, Set<String> botIds, Instant expiresAt) {}

    /** Why a token was refused; the message is safe to show. */
    public static final class InvalidTokenException extends RuntimeException {
        private final boolean expired;

        InvalidTokenException(String message, boolean expired) {
            super(message, null, false, false);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private final Supplier<PlatformKeys> keys;

    public TokenService(Supplier<PlatformKeys> keys) {
        this.keys = keys;
    }

    public String issue(User user, String sessionId, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.userId())
                .claim("role", user.role().name().toLowerCase(Locale.ROOT))
                .claim("bots", List.copyOf(new java.util.TreeSet<>(user.botIds())))
                .claim("sid", sessionId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_LIFETIME)))
                .jwtID(Ulid.next(now))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.get().jwtSigningKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    public AccessClaims verify(String token, Instant now) {
        if (token == null || token.length() > 4096) {
            throw new InvalidTokenException("The access token is malformed", false);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("The access token is malformed", false);
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getCriticalParams() != null
                && !jwt.getHeader().getCriticalParams().isEmpty()) {
            throw new InvalidTokenException("The access token is not signed the way this API signs", false);
        }
        try {
            if (!jwt.verify(new MACVerifier(keys.get().jwtSigningKey()))) {
                throw new InvalidTokenException("The access token's signature is invalid", false);
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("The access token's signature is invalid", false);
        }
        try {
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(AUDIENCE)) {
                throw new InvalidTokenException("The access token was not issued for this API", false);
            }
            Date exp = c.getExpirationTime();
            Date iat = c.getIssueTime();
            if (exp == null || iat == null) {
                throw new InvalidTokenException("The access token has no lifetime", false);
            }
            if (!exp.toInstant().plus(CLOCK_SKEW).isAfter(now)) {
                throw new InvalidTokenException("The access token has expired", true);
            }
            if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                throw new InvalidTokenException("The access token is not valid yet", false);
            }
            String sub = c.getSubject();
            String sid = c.getStringClaim("sid");
            if (!Ulid.isValid(sub) || !Ulid.isValid(sid)) {
                throw new InvalidTokenException("The access token is malformed", false);
            }
            List<String> bots = c.getStringListClaim("bots");
            return new AccessClaims(sub, sid, Role.valueOf(c.getStringClaim("role").toUpperCase(Locale.ROOT)),
                    bots == null ? Set.of() : Set.copyOf(bots), exp.toInstant());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof InvalidTokenException ite) {
                throw ite;
            }
            throw new InvalidTokenException("The access token is malformed", false);
        }
    }
}
