package io.botfleet.api;

import io.botfleet.auth.ApiKeyService;
import io.botfleet.auth.Permission;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** API keys: create (token shown once), list (never secrets), revoke. */
public final class ApiKeyRoutes {
    private ApiKeyRoutes() {}

    public record CreateKeyRequest(String name, List<String> scopes, List<String> botIds, Integer expiresInDays)
            implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            v.requiredText("name", name, 1, 100);
            if (v.required("scopes", scopes)) {
                v.check(!scopes.isEmpty(), "scopes", "REQUIRED", "must name at least one permission");
                v.check(scopes.size() <= Permission.values().length, "scopes", "TOO_MANY", "has too many entries");
                for (int i = 0; i < scopes.size() && i <= Permission.values().length; i++) {
                    String field = "scopes[" + i + "]";
                    if (v.required(field, scopes.get(i))) {
                        v.oneOf(field, scopes.get(i), Permission.class);
                    }
                }
            }
            v.ids("botIds", botIds, 100);
            v.range("expiresInDays", expiresInDays, 1, 365);
        }
    }

    public static List<Route> routes(ApiKeyService keys) {
        Route.Access manage = Route.Access.requires(Permission.API_KEYS_MANAGE);
        return List.of(
                new Route("GET", "/api/api-keys", manage, (request, caller) ->
                        HttpResponse.json(200, Map.of("apiKeys", keys.list().stream().map(Views.ApiKeyView::of).toList()))),
                new Route("POST", "/api/api-keys", manage, (request, caller) -> {
                    CreateKeyRequest body = RequestBody.parse(request, CreateKeyRequest.class);
                    Set<Permission> scopes = EnumSet.noneOf(Permission.class);
                    Validation v = new Validation();
                    body.scopes().forEach(s -> scopes.add(v.oneOf("scopes", s, Permission.class)));
                    Set<String> bots = body.botIds() == null ? Set.of() : new LinkedHashSet<>(body.botIds());
                    ApiKeyService.CreatedKey created = keys.create(caller.requirePrincipal(), body.name(), scopes, bots,
                            body.expiresInDays() == null ? null : Duration.ofDays(body.expiresInDays()));
                    caller.audit().target("apiKey", created.key().prefix());
                    return HttpResponse.json(201, Map.of("apiKey", Views.ApiKeyView.of(created.key()),
                            "token", created.token()));
                }),
                new Route("DELETE", "/api/api-keys/{prefix}", manage, (request, caller) -> {
                    String prefix = request.pathParameter("prefix");
                    if (!prefix.matches("[a-z2-7]{12}")) {
                        throw ApiException.notFound("API_KEY_NOT_FOUND", "No such API key");
                    }
                    keys.revoke(prefix);
                    return HttpResponse.empty(204);
                }));
    }
}
