package io.botfleet.api;

import io.botfleet.analytics.ArchivedEvent;
import io.botfleet.analytics.EventArchiveReader;
import io.botfleet.auth.Permission;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/bots/{botId}/events?from=&to=}: a bot's raw events of [from, to) read back from the archive, as an
 * NDJSON download, one event per line in time order, each event once. {@code to} defaults to now, {@code from} to a
 * day before {@code to}. At most {@link #LONGEST} per request; a range
 * holding more than the reader's limits is refused (422 on {@code to}): ask for fewer days.
 */
public final class EventArchiveRoutes {
    static final Duration LONGEST = Duration.ofDays(31);
    static final Duration DEFAULT_RANGE = Duration.ofDays(1);
    /** Lambda answers at most 6 MB; NDJSON goes out as text (ApiGatewayHttp), so this leaves room for headers. */
    public static final EventArchiveReader.Limits LIMITS = new EventArchiveReader.Limits(5_000, 5_000_000);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private EventArchiveRoutes() {}

    public static List<Route> routes(EventArchiveReader archive, Predicate<String> botExists, Clock clock) {
        return List.of(new Route("GET", "/api/bots/{botId}/events", Route.Access.requires(Permission.ANALYTICS_READ),
                (request, caller) -> {
                    String botId = request.pathParameter("botId");
                    Instant to = QueryParams.instantOrDay(request, "to").orElse(clock.instant());
                    Instant from = QueryParams.instantOrDay(request, "from").orElse(to.minus(DEFAULT_RANGE));
                    if (!from.isBefore(to)) {
                        throw invalid("from", "NOT_BEFORE_TO", "must be before to");
                    }
                    if (Duration.between(from, to).compareTo(LONGEST) > 0) {
                        throw invalid("to", "RANGE_TOO_LONG", "must be at most " + LONGEST.toDays() + " days after from");
                    }
                    if (!botExists.test(botId)) {
                        throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
                    }
                    StringBuilder body = new StringBuilder();
                    for (ArchivedEvent event : archive.read(botId, from, to)) {
                        body.append(event.json()).append('\n');
                    }
                    String file = "events-" + botId + "-" + FILE_TIME.format(from) + "-" + FILE_TIME.format(to) + ".ndjson";
                    return new HttpResponse(200, Map.of("content-type", "application/x-ndjson; charset=utf-8",
                            "content-disposition", "attachment; filename=\"" + file + "\""),
                            body.toString().getBytes(StandardCharsets.UTF_8));
                }));
    }

    private static ApiException invalid(String field, String code, String message) {
        return ApiException.validation(List.of(new Problem.FieldError(field, code, message)));
    }
}
