package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.webhook.ParkedUpdates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/bots/{botId}/parked-updates}: the updates the webhook acknowledged without processing, newest
 * first, each with the reason an admin can act on (the pipeline has already checked the caller's bot scope).
 */
public final class ParkedUpdateRoutes {
    private ParkedUpdateRoutes() {}

    public static List<Route> routes(ParkedUpdates parked, Predicate<String> botExists) {
        return List.of(new Route("GET", "/api/bots/{botId}/parked-updates", Route.Access.requires(Permission.BOTS_READ),
                (request, caller) -> {
                    String botId = request.pathParameter("botId");
                    if (!botExists.test(botId)) {
                        throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
                    }
                    int limit = QueryParams.integer(request, "limit", 50, 1, 200);
                    return HttpResponse.json(200, Map.of("items", parked.list(botId, limit).stream().map(ParkedUpdateRoutes::view).toList()));
                }));
    }

    private static Map<String, Object> view(ParkedUpdates.ParkedUpdate p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updateId", p.updateId().isPresent() ? p.updateId().getAsLong() : null);
        out.put("parkedAt", p.parkedAt().toString());
        out.put("attempts", p.attempts());
        out.put("reason", p.reason());
        out.put("raw", p.raw());
        out.put("rawBytes", p.rawBytes());
        return out;
    }
}
