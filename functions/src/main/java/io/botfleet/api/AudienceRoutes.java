package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.broadcast.plan.AudienceCounter;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code GET /api/bots/{botId}/audience-count}: how many active subscribers an audience reaches, with the filter of a
 * campaign's {@code audience} as query parameters (lists comma-separated).
 */
public final class AudienceRoutes {
    private AudienceRoutes() {}

    public static List<Route> routes(AudienceCounter counter, Predicate<String> botExists) {
        return List.of(new Route("GET", "/api/bots/{botId}/audience-count", Route.Access.requires(Permission.CAMPAIGNS_READ),
                (request, caller) -> {
                    String botId = request.pathParameter("botId");
                    AudienceFilter filter = filter(request);
                    if (!botExists.test(botId)) {
                        throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
                    }
                    return HttpResponse.json(200, counter.count(botId, filter));
                }));
    }

    static AudienceFilter filter(HttpRequest request) {
        AudienceFilter filter = new AudienceFilter(list(request, "tags"), list(request, "languages"), list(request, "sources"),
                QueryParams.instant(request, "joinedFrom").orElse(null), QueryParams.instant(request, "joinedTo").orElse(null),
                QueryParams.instant(request, "activeSince").orElse(null));
        Validation v = new Validation();
        CampaignBody.validateAudience(v, filter, "");
        v.throwIfInvalid();
        return filter;
    }

    private static List<String> list(HttpRequest request, String name) {
        return request.queryParameter(name).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).toList()).orElse(List.of());
    }
}
