package io.botfleet.api;

import io.botfleet.analytics.Metric;
import io.botfleet.analytics.StatsQuery;
import io.botfleet.auth.Permission;
import io.botfleet.shared.csv.CsvExport;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/bots/{botId}/stats?metric=&from=&to=}: one metric of a bot as a zero-filled series, hourly up to
 * 72 hours, daily beyond (at most 366 days, 92 for active users); as CSV with {@code Accept: text/csv} or {@code format=csv},
 * or from {@code GET /api/bots/{botId}/stats.csv}.
 */
public final class StatsRoutes {
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Metric DEFAULT_METRIC = Metric.MESSAGES_RECEIVED;

    private StatsRoutes() {}

    /** What a series request asks for, parsed and checked. */
    private record SeriesRequest(String botId, Metric metric, Instant from, Instant to) {}

    public static List<Route> routes(StatsQuery query, Predicate<String> botExists, Clock clock) {
        Route.Access read = Route.Access.requires(Permission.ANALYTICS_READ);
        return List.of(
                new Route("GET", "/api/bots/{botId}/stats", read, (request, caller) -> {
                    SeriesRequest r = parse(request, clock, botExists);
                    boolean csv = request.queryParameter("format").map("csv"::equals).orElse(false)
                            || request.header("accept").map(a -> a.contains("text/csv")).orElse(false);
                    StatsQuery.Series series = query.series(r.botId(), r.metric(), r.from(), r.to());
                    return csv ? csv(series) : HttpResponse.json(200, view(series));
                }),
                // a plain link to a file, for clients that cannot set Accept or add format=csv to what they download
                new Route("GET", "/api/bots/{botId}/stats.csv", read, (request, caller) -> {
                    SeriesRequest r = parse(request, clock, botExists);
                    return csv(query.series(r.botId(), r.metric(), r.from(), r.to()));
                }));
    }

    private static SeriesRequest parse(HttpRequest request, Clock clock, Predicate<String> botExists) {
        String botId = request.pathParameter("botId");
        Instant to = QueryParams.instant(request, "to").orElse(clock.instant());
        Instant from = QueryParams.instant(request, "from").orElse(to.minus(DEFAULT_RANGE));
        String metricId = request.queryParameter("metric").filter(m -> !m.isEmpty()).orElse(DEFAULT_METRIC.id());
        Metric metric = Metric.byId(metricId).orElseThrow(() -> invalid("metric", "UNKNOWN_METRIC",
                "must be one of " + Arrays.stream(Metric.values()).map(Metric::id).toList()));
        if (!from.isBefore(to)) {
            throw invalid("from", "NOT_BEFORE_TO", "must be before to");
        }
        Duration longest = StatsQuery.longest(metric);
        if (Duration.between(from, to).compareTo(longest) > 0) {
            throw invalid("to", "RANGE_TOO_LONG", "must be at most " + longest.toDays() + " days after from");
        }
        if (!botExists.test(botId)) {
            throw ApiException.notFound("BOT_NOT_FOUND", "No bot " + botId);
        }
        return new SeriesRequest(botId, metric, from, to);
    }

    static Map<String, Object> view(StatsQuery.Series series) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("botId", series.botId());
        view.put("metric", series.metric().id());
        view.put("granularity", series.granularity().id());
        view.put("from", series.from().toString());
        view.put("to", series.to().toString());
        view.put("points", series.points().stream().map(p -> Map.of("at", p.at().toString(), "value", p.value())).toList());
        view.put("lowerBound", series.lowerBound().stream().map(Instant::toString).toList());
        return view;
    }

    static HttpResponse csv(StatsQuery.Series series) {
        CsvExport csv = new CsvExport("bucket", series.metric().id());
        series.points().forEach(p -> csv.row(p.at(), p.value()));
        return csv.response("stats-" + series.botId() + "-" + series.metric().id() + ".csv");
    }

    private static ApiException invalid(String field, String code, String message) {
        return ApiException.validation(List.of(new Problem.FieldError(field, code, message)));
    }
}
