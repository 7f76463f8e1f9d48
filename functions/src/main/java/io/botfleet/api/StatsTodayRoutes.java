package io.botfleet.api;

import io.botfleet.analytics.Metric;
import io.botfleet.analytics.StatsQuery;
import io.botfleet.auth.Permission;
import io.botfleet.auth.Principal;
import io.botfleet.bots.Bot;
import io.botfleet.bots.BotRegistry;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.paging.Page;
import io.botfleet.subscribers.SubscriberBook;
import io.botfleet.subscribers.SubscriberCounts;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/stats/today?day=}: the home page's figures in one call — for every bot the caller may see, one UTC
 * day's subscribers joined, blocked and net, messages received, active users, deliveries, and the current subscriber
 * counts. Days are UTC days because the counters are kept per UTC day.
 */
public final class StatsTodayRoutes {
    /** Bots read per page of the registry; the summary covers every page. */
    static final int PAGE = 200;
    /** The day's figures by the names the answer gives them. */
    static final Map<String, Metric> FIGURES = figures();

    private StatsTodayRoutes() {}

    public static List<Route> routes(StatsQuery query, BotRegistry registry, SubscriberBook subscribers, Clock clock) {
        return List.of(new Route("GET", "/api/stats/today", Route.Access.requires(Permission.ANALYTICS_READ),
                (request, caller) -> {
                    LocalDate day = day(request).orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
                    List<Bot> bots = visibleBots(registry, caller.requirePrincipal());
                    Map<String, SubscriberCounts> counts = subscribers.counts(bots.stream().map(Bot::botId).toList());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("day", day.toString());
                    body.put("from", day.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                    body.put("to", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                    body.put("items", bots.stream().map(b -> item(b, counts.get(b.botId()),
                            query.day(b.botId(), day.atStartOfDay(ZoneOffset.UTC).toInstant()))).toList());
                    return HttpResponse.json(200, body);
                }));
    }

    private static List<Bot> visibleBots(BotRegistry registry, Principal principal) {
        List<Bot> bots = new ArrayList<>();
        Optional<Map<String, String>> next = Optional.empty();
        do {
            Page<Bot> page = registry.list(next, PAGE);
            page.items().stream().filter(b -> principal.canAccessBot(b.botId())).forEach(bots::add);
            next = page.lastKey();
        } while (next.isPresent());
        return bots;
    }

    private static Map<String, Object> item(Bot bot, SubscriberCounts counts, Map<Metric, Long> figures) {
        Map<String, Object> today = new LinkedHashMap<>();
        FIGURES.forEach((name, metric) -> today.put(name, figures.get(metric)));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("botId", bot.botId());
        item.put("username", bot.username());
        item.put("displayName", bot.displayName());
        item.put("status", bot.status());
        item.put("subscribers", counts == null ? new SubscriberCounts(0, 0, 0, 0) : counts);
        item.put("today", today);
        return item;
    }

    private static Map<String, Metric> figures() {
        Map<String, Metric> names = new LinkedHashMap<>();
        names.put("joined", Metric.SUBSCRIBERS_JOINED);
        names.put("left", Metric.SUBSCRIBERS_LEFT);
        names.put("blocked", Metric.SUBSCRIBERS_BLOCKED);
        names.put("unblocked", Metric.SUBSCRIBERS_UNBLOCKED);
        names.put("net", Metric.SUBSCRIBERS_NET);
        names.put("messagesReceived", Metric.MESSAGES_RECEIVED);
        names.put("buttonsPressed", Metric.BUTTONS_PRESSED);
        names.put("activeUsers", Metric.ACTIVE_USERS);
        names.put("deliveriesSent", Metric.DELIVERIES_SENT);
        names.put("deliveriesFailed", Metric.DELIVERIES_FAILED);
        return java.util.Collections.unmodifiableMap(names);
    }

    private static Optional<LocalDate> day(HttpRequest request) {
        return request.queryParameter("day").filter(d -> !d.isEmpty()).map(d -> {
            try {
                return LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw ApiException.validation(List.of(new Problem.FieldError("day", "WRONG_TYPE",
                        "must be a date such as 2026-01-31")));
            }
        });
    }
}
