package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.observability.LogLine;
import io.botfleet.observability.LogLines;
import io.botfleet.observability.LogSearch;
import io.botfleet.observability.LogSelection;
import io.botfleet.observability.RequestStats;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's views of the functions' logs: {@code GET /api/ops/logs} downloads what one function (or every
 * function) logged in a range of at most 24 hours, optionally only a bot's or a campaign's lines, as text or NDJSON;
 * {@code GET /api/ops/requests} gives per-route counts, error rates and latency percentiles of the admin API and the
 * webhook over the last hour or day. Both read every bot's data, so both need every bot.
 */
public final class OpsRoutes {
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);
    static final int DEFAULT_LINES = 5_000;
    /** A Lambda answer is at most 6 MB (and base64 for a download makes it a third larger): stop well before. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private OpsRoutes() {}

    public static List<Route> routes(LogSearch search, RequestStats stats, Clock clock) {
        Route.Access operations = Route.Access.requiresAllBots(Permission.OPERATIONS);
        return List.of(
                new Route("GET", "/api/ops/logs", operations, (request, caller) -> download(search, request, clock)),
                new Route("GET", "/api/ops/requests", operations, (request, caller) -> {
                    String id = request.queryParameter("window").filter(w -> !w.isEmpty()).orElse(RequestStats.Window.LAST_HOUR.id());
                    RequestStats.Window window = RequestStats.Window.byId(id).orElseThrow(() -> invalid("window", "UNKNOWN_WINDOW",
                            "must be one of " + Arrays.stream(RequestStats.Window.values()).map(RequestStats.Window::id).toList()));
                    return HttpResponse.json(200, view(window, stats.report(window)));
                }));
    }

    private static HttpResponse download(LogSearch search, HttpRequest request, Clock clock) {
        Optional<String> function = QueryParams.text(request, "function", 64);
        Optional<String> bot = QueryParams.text(request, "bot", 64);
        Optional<String> campaign = QueryParams.text(request, "campaign", 64);
        Validation v = new Validation();
        function.ifPresent(f -> v.check(search.functions().contains(f), "function", "UNKNOWN_FUNCTION",
                "must be one of " + search.functions()));
        bot.ifPresent(b -> v.id("bot", b));
        campaign.ifPresent(c -> v.id("campaign", c));
        String format = request.queryParameter("format").filter(f -> !f.isEmpty()).orElse("text");
        v.check(format.equals("text") || format.equals("ndjson"), "format", "UNKNOWN_FORMAT", "must be text or ndjson");
        v.throwIfInvalid();
        Instant to = QueryParams.instant(request, "to").orElse(clock.instant());
        Instant from = QueryParams.instant(request, "from").orElse(to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw invalid("from", "NOT_BEFORE_TO", "must be before to");
        }
        if (Duration.between(from, to).compareTo(LogSelection.MAX_RANGE) > 0) {
            throw invalid("to", "RANGE_TOO_LONG", "must be at most " + LogSelection.MAX_RANGE.toHours() + " hours after from");
        }
        int limit = QueryParams.integer(request, "limit", DEFAULT_LINES, 1, LogSelection.MAX_LIMIT);
        LogLines found = search.find(function, bot, campaign, from, to, limit);
        boolean ndjson = format.equals("ndjson");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated = found.truncated();
        for (LogLine line : found.lines()) {
            byte[] bytes = (ndjson ? ndjsonLine(line) : textLine(line)).getBytes(StandardCharsets.UTF_8);
            if (body.size() + bytes.length > MAX_BYTES) {
                truncated = true;
                break;
            }
            body.writeBytes(bytes);
        }
        String name = "logs-" + function.orElse("all") + campaign.map(c -> "-campaign-" + c).orElse("")
                + bot.map(b -> "-bot-" + b).orElse("") + "-" + from.toString().replace(":", "") + (ndjson ? ".ndjson" : ".log");
        return new HttpResponse(200, Map.of(
                "content-type", ndjson ? "application/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8",
                "content-disposition", "attachment; filename=\"" + name + "\"",
                "x-truncated", Boolean.toString(truncated)), body.toByteArray());
    }

    /** {@code <instant> <function> <message>}: one event per line (a message's own line breaks escaped). */
    static String textLine(LogLine line) {
        return line.at() + " " + line.function() + " " + line.message().replace("\r", "\\r").replace("\n", "\\n") + "\n";
    }

    static String ndjsonLine(LogLine line) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", line.at().toString());
        event.put("function", line.function());
        event.put("message", line.message());
        return Json.write(event) + "\n";
    }

    static Map<String, Object> view(RequestStats.Window window, RequestStats.Report report) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("window", window.id());
        view.put("from", report.from().toString());
        view.put("to", report.to().toString());
        view.put("recordsRead", report.recordsRead());
        view.put("truncated", report.truncated());
        view.put("routes", report.routes().stream().map(r -> {
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("route", r.route());
            route.put("count", r.count());
            route.put("errorRate", r.errorRate());
            route.put("clientErrorRate", r.clientErrorRate());
            route.put("p50Ms", r.p50Ms());
            route.put("p95Ms", r.p95Ms());
            route.put("p99Ms", r.p99Ms());
            return route;
        }).toList());
        return view;
    }

    private static ApiException invalid(String field, String code, String message) {
        return ApiException.validation(List.of(new Problem.FieldError(field, code, message)));
    }
}
