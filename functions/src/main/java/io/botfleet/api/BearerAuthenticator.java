package io.botfleet.api;

import io.botfleet.auth.ApiKeyService;
import io.botfleet.auth.Principal;
import io.botfleet.auth.SignIn;
import io.botfleet.auth.TokenService;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.Problem;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <access JWT | bfk_ API key>}. No header: nobody. A header with a bad credential: a
 * 401 naming why ({@code TOKEN_EXPIRED} tells the dashboard to refresh), never which part of a secret was wrong.
 */
public final class BearerAuthenticator implements AdminApi.Authenticator {
    private final SignIn signIn;
    private final ApiKeyService keys;

    public BearerAuthenticator(SignIn signIn, ApiKeyService keys) {
        this.signIn = signIn;
        this.keys = keys;
    }

    @Override
    public Optional<Principal> authenticate(HttpRequest request) {
        Optional<String> header = request.header("authorization");
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("INVALID_CREDENTIALS", "Use Authorization: Bearer <token>");
        }
        String token = value.substring(7).trim();
        if (ApiKeyService.looksLikeKey(token)) {
            return Optional.of(keys.authenticate(token).orElseThrow(() ->
                    unauthorized("API_KEY_INVALID", "The API key is not valid, revoked or expired")));
        }
        try {
            return Optional.of(signIn.authenticate(token));
        } catch (TokenService.InvalidTokenException e) {
            throw unauthorized(e.expired() ? "TOKEN_EXPIRED" : "TOKEN_INVALID", e.getMessage());
        }
    }

    private static ApiException unauthorized(String code, String detail) {
        return new ApiException(Problem.of(401, code, "Unauthorized", detail),
                Map.of("www-authenticate", "Bearer error=\"invalid_token\""));
    }
}
