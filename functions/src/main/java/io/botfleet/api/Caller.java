package io.botfleet.api;

import io.botfleet.auth.Principal;
import java.util.Optional;

/** Who is calling: a signed-in principal, or nobody on public routes; plus where from, for audit and limits. */
public record Caller(Optional<Principal> principal, String ip, String userAgent, String requestId) {

    public static Caller anonymous(String ip, String userAgent, String requestId) {
        return new Caller(Optional.empty(), ip, userAgent, requestId);
    }

    public Principal requirePrincipal() {
        return principal.orElseThrow(() -> io.botfleet.shared.http.ApiException.unauthorized("Sign in first"));
    }
}
