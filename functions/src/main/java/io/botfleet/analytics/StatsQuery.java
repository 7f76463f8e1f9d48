package io.botfleet.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric of a bot as a series of buckets, zero-filled. Ranges up to {@link #HOURLY_UP_TO} are answered in hourly
 * buckets, longer ones (and active users, counted per day) in daily buckets. Answers are kept briefly in memory:
 * a dashboard redraws the same chart many times, and counters change only when a batch is folded.
 */
public final class StatsQuery {
    public static final Duration HOURLY_UP_TO = Duration.ofHours(72);
    public static final Duration LONGEST = Duration.ofDays(366);
    /** Active users are read as the days' sets of chats: a shorter range bounds what one answer reads. */
    public static final Duration LONGEST_ACTIVE_USERS = Duration.ofDays(92);
    static final Duration CACHED_FOR = Duration.ofSeconds(30);
    static final int CACHE_ENTRIES = 500;

    private final StatsStore store;
    private final Clock clock;
    private final Map<Request, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Request, Cached> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    public StatsQuery(StatsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Point(Instant at, long value) {}

    /**
     * @param lowerBound the buckets whose value is at least the one given (active users beyond the stored bound)
     */
    public record Series(String botId, Metric metric, Granularity granularity, Instant from, Instant to, List<Point> points,
                         List<Instant> lowerBound) {}

    private record Request(String botId, Metric metric, Instant from, Instant to) {}

    private record Cached(Series series, Instant until) {}

    public static Granularity granularity(Metric metric, Instant from, Instant to) {
        return metric == Metric.ACTIVE_USERS || Duration.between(from, to).compareTo(HOURLY_UP_TO) > 0
                ? Granularity.DAY : Granularity.HOUR;
    }

    /** The longest range a series of {@code metric} may span. */
    public static Duration longest(Metric metric) {
        return metric == Metric.ACTIVE_USERS ? LONGEST_ACTIVE_USERS : LONGEST;
    }

    /** The buckets overlapping [from, to); the caller has checked that from is before to and the range's length. */
    public synchronized Series series(String botId, Metric metric, Instant from, Instant to) {
        Request request = new Request(botId, metric, from, to);
        Instant now = clock.instant();
        Cached cached = cache.get(request);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.series();
        }
        Series series = read(request);
        cache.put(request, new Cached(series, now.plus(CACHED_FOR)));
        return series;
    }

    private Series read(Request r) {
        Granularity granularity = granularity(r.metric(), r.from(), r.to());
        Instant first = granularity.bucket(r.from());
        Map<Instant, Long> values = new LinkedHashMap<>();
        List<Instant> lowerBound = List.of();
        if (r.metric() == Metric.ACTIVE_USERS) {
            StatsStore.DailyActive active = store.activeChats(r.botId(), first, r.to());
            values.putAll(active.byDay());
            lowerBound = active.lowerBound().stream().sorted().toList();
        } else {
            store.counters(r.botId(), granularity, first, r.to()).forEach((bucket, counts) -> values.put(bucket, value(r.metric(), counts)));
        }
        List<Point> points = new ArrayList<>();
        for (Instant bucket = first; bucket.isBefore(r.to()); bucket = bucket.plus(granularity.width())) {
            points.add(new Point(bucket, values.getOrDefault(bucket, 0L)));
        }
        return new Series(r.botId(), r.metric(), granularity, r.from(), r.to(), points, lowerBound);
    }

    /**
     * A bot's figures of one UTC day, every metric at once: one read of the day's counters and one of its active
     * chats, where a series per metric would read them once each.
     */
    public Map<Metric, Long> day(String botId, Instant at) {
        Instant start = Granularity.DAY.bucket(at);
        Instant end = start.plus(Granularity.DAY.width());
        Map<Metric, Long> counts = store.counters(botId, Granularity.DAY, start, end).getOrDefault(start, Map.of());
        Map<Metric, Long> figures = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            if (metric != Metric.ACTIVE_USERS) {
                figures.put(metric, value(metric, counts));
            }
        }
        figures.put(Metric.ACTIVE_USERS, store.activeChats(botId, start, end).byDay().getOrDefault(start, 0L));
        return figures;
    }

    static long value(Metric metric, Map<Metric, Long> counts) {
        if (metric == Metric.SUBSCRIBERS_NET) {
            return counts.getOrDefault(Metric.SUBSCRIBERS_JOINED, 0L) - counts.getOrDefault(Metric.SUBSCRIBERS_LEFT, 0L)
                    - counts.getOrDefault(Metric.SUBSCRIBERS_BLOCKED, 0L) + counts.getOrDefault(Metric.SUBSCRIBERS_UNBLOCKED, 0L);
        }
        return counts.getOrDefault(metric, 0L);
    }
}
