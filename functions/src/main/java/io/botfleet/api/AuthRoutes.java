package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.auth.Principal;
import io.botfleet.auth.SignIn;
import io.botfleet.auth.User;
import io.botfleet.shared.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** First-start setup, sign-in, refresh, logout, own profile and password. */
public final class AuthRoutes {
    private AuthRoutes() {}

    public record SetupRequest(String setupToken, String email, String password, String displayName)
            implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("setupToken", setupToken, 1, 128);
            v.requiredEmail("email", email);
            v.requiredPassword("password", password);
            v.requiredText("displayName", displayName, 1, 100);
        }

        @Override
        public String toString() {
            return "SetupRequest[redacted]";
        }
    }

    public record LoginRequest(String email, String password) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("email", email, 1, 254);
            // no policy on the way in (old passwords may predate it); only what cannot be a password
            v.requiredText("password", password, 1, 256);
        }

        @Override
        public String toString() {
            return "LoginRequest[redacted]";
        }
    }

    public record RefreshRequest(String refreshToken) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("refreshToken", refreshToken, 1, 200);
        }

        @Override
        public String toString() {
            return "RefreshRequest[redacted]";
        }
    }

    public record LogoutRequest(Boolean allSessions) {}

    public record ChangePasswordRequest(String currentPassword, String newPassword) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("currentPassword", currentPassword, 1, 256);
            v.requiredPassword("newPassword", newPassword);
        }

        @Override
        public String toString() {
            return "ChangePasswordRequest[redacted]";
        }
    }

    public record SetupStatus(boolean setupRequired) {}

    public static List<Route> routes(SignIn signIn, Clock clock) {
        return List.of(
                new Route("GET", "/api/setup", Route.Access.PUBLIC, (request, caller) ->
                        HttpResponse.json(200, new SetupStatus(signIn.setupRequired()))),
                new Route("POST", "/api/setup", Route.Access.PUBLIC, (request, caller) -> {
                    SetupRequest body = RequestBody.parse(request, SetupRequest.class);
                    User owner = signIn.setup(body.setupToken(), body.email(), body.password(), body.displayName());
                    caller.audit().actor("user", owner.userId(), "owner").target("user", owner.userId());
                    return HttpResponse.json(201, Map.of("user", Views.UserView.of(owner)));
                }),
                new Route("POST", "/api/auth/login", Route.Access.PUBLIC, (request, caller) -> {
                    LoginRequest body = RequestBody.parse(request, LoginRequest.class);
                    SignIn.Tokens tokens = signIn.login(body.email(), body.password(), caller.ip(), caller.userAgent());
                    caller.audit().actor("user", tokens.user().userId(), Views.lower(tokens.user().role()));
                    return HttpResponse.json(200, Views.TokenView.of(tokens, clock.instant()));
                }),
                new Route("POST", "/api/auth/refresh", Route.Access.PUBLIC, (request, caller) -> {
                    RefreshRequest body = RequestBody.parse(request, RefreshRequest.class);
                    SignIn.Tokens tokens = signIn.refresh(body.refreshToken());
                    caller.audit().actor("user", tokens.user().userId(), Views.lower(tokens.user().role()));
                    return HttpResponse.json(200, Views.TokenView.of(tokens, clock.instant()));
                }),
                new Route("POST", "/api/auth/logout", Route.Access.requires(Permission.AUTHENTICATED), (request, caller) -> {
                    LogoutRequest body = RequestBody.parseOptional(request, LogoutRequest.class).orElse(new LogoutRequest(false));
                    signIn.logout(caller.requirePrincipal(), Boolean.TRUE.equals(body.allSessions()));
                    return HttpResponse.empty(204);
                }),
                new Route("GET", "/api/me", Route.Access.requires(Permission.AUTHENTICATED), (request, caller) -> {
                    Principal p = caller.requirePrincipal();
                    if (p.kind() == Principal.Kind.API_KEY) {
                        return HttpResponse.json(200, Map.of("apiKey", Map.of("prefix", p.id(), "name", p.displayName(),
                                "scopes", p.permissions().stream().map(Views::lower).sorted().toList(),
                                "botIds", Views.sorted(p.botScope()))));
                    }
                    return HttpResponse.json(200, Map.of("user", Views.UserView.of(signIn.me(p)),
                            "permissions", p.permissions().stream().map(Views::lower).sorted().toList()));
                }),
                new Route("POST", "/api/me/password", Route.Access.requires(Permission.AUTHENTICATED), (request, caller) -> {
                    ChangePasswordRequest body = RequestBody.parse(request, ChangePasswordRequest.class);
                    signIn.changePassword(caller.requirePrincipal(), body.currentPassword(), body.newPassword());
                    return HttpResponse.empty(204);
                }));
    }
}
