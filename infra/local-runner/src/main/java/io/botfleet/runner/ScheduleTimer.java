package io.botfleet.runner;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An EventBridge {@code rate(...)} schedule, fired by a timer: moto stores rules but never fires them. */
public final class ScheduleTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScheduleTimer.class);
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+)\\s+(minute|minutes|hour|hours|day|days)\\)");

    private final ScheduledExecutorService timer;

    private ScheduleTimer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static Duration parseRate(String expression) {
        Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("only rate(N minutes|hours|days) schedules run locally, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).replaceAll("s$", "")) {
            case "minute" -> Duration.ofMinutes(n);
            case "hour" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Fires {@code function} every {@code period} (the first time after one period, as EventBridge does). */
    public static ScheduleTimer start(HostedFunction function, String ruleName, Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("schedule-" + function.logicalId()).daemon(true).factory());
        timer.scheduleAtFixedRate(() -> {
            try {
                function.invoke(event(ruleName), Object.class);
            } catch (RuntimeException e) {
                log.warn("scheduled run of {} failed", function.logicalId(), e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ScheduleTimer(timer);
    }

    static ScheduledEvent event(String ruleName) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setAccount("123456789012");
        event.setRegion("us-east-1");
        event.setTime(DateTime.now());
        event.setResources(List.of("arn:aws:events:us-east-1:123456789012:rule/" + ruleName));
        return event;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
