package io.botfleet.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per-route request figures of the admin API and the webhook over a recent window, computed from the per-request
 * metric records (embedded metric format) the two functions write to their logs. On AWS the same counts and
 * percentiles are CloudWatch metrics (GetMetricData on RequestLatency by Method, Route and StatusClass: SampleCount and p50/p95/p99); reading the
 * records keeps one path for AWS and the local stack, whose emulator has no metrics API, and costs one log scan
 * bounded by {@link #MAX_RECORDS}.
 */
public final class RequestStats {
    public static final List<String> FUNCTIONS = List.of("api", "webhook");
    /** The metric only the per-request records carry (in milliseconds), with dimensions Method, Route and StatusClass. */
    public static final String LATENCY_METRIC = "RequestLatency";
    public static final int MAX_RECORDS = LogSelection.MAX_LIMIT;

    /** The windows offered: the last hour and the last day. */
    public enum Window {
        LAST_HOUR("1h", Duration.ofHours(1)), LAST_DAY("24h", Duration.ofHours(24));

        private final String id;
        private final Duration length;

        Window(String id, Duration length) {
            this.id = id;
            this.length = length;
        }

        public String id() {
            return id;
        }

        public Duration length() {
            return length;
        }

        public static Optional<Window> byId(String id) {
            for (Window w : values()) {
                if (w.id.equals(id)) {
                    return Optional.of(w);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param errorRate       share of 5xx answers
     * @param clientErrorRate share of 4xx answers
     */
    public record RouteFigures(String route, long count, double errorRate, double clientErrorRate,
                               double p50Ms, double p95Ms, double p99Ms) {}

    /** @param truncated more records were in the window than were read: the figures cover the first ones only */
    public record Report(Instant from, Instant to, List<RouteFigures> routes, long recordsRead, boolean truncated) {}

    private final LogArchive archive;
    private final Function<String, Optional<RequestSample>> parser;
    private final Clock clock;

    /** @param parser reads a log line's per-request record; empty for any other line */
    public RequestStats(LogArchive archive, Function<String, Optional<RequestSample>> parser, Clock clock) {
        this.archive = archive;
        this.parser = parser;
        this.clock = clock;
    }

    public Report report(Window window) {
        Instant to = clock.instant();
        Instant from = to.minus(window.length());
        List<String> functions = FUNCTIONS.stream().filter(archive.functions()::contains).toList();
        LogLines lines = archive.read(new LogSelection(functions, Map.of(), List.of(LATENCY_METRIC), from, to, MAX_RECORDS));
        List<RequestSample> samples = new ArrayList<>();
        for (LogLine line : lines.lines()) {
            parser.apply(line.message()).ifPresent(samples::add);
        }
        return new Report(from, to, figures(samples), samples.size(), lines.truncated());
    }

    /** Figures per route, the busiest first. */
    public static List<RouteFigures> figures(List<RequestSample> samples) {
        Map<String, List<RequestSample>> byRoute = new LinkedHashMap<>();
        samples.forEach(s -> byRoute.computeIfAbsent(s.route(), r -> new ArrayList<>()).add(s));
        List<RouteFigures> figures = new ArrayList<>();
        byRoute.forEach((route, list) -> {
            Percentiles latency = new Percentiles(list.stream().mapToDouble(RequestSample::latencyMs).toArray());
            long errors = list.stream().filter(s -> s.statusClass() == 5).count();
            long clientErrors = list.stream().filter(s -> s.statusClass() == 4).count();
            figures.add(new RouteFigures(route, list.size(), (double) errors / list.size(), (double) clientErrors / list.size(),
                    latency.at(50), latency.at(95), latency.at(99)));
        });
        figures.sort(Comparator.comparingLong(RouteFigures::count).reversed().thenComparing(RouteFigures::route));
        return figures;
    }
}
