package io.botfleet.local.lambda.sources;

import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.ScheduledEvents;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    public static ScheduleTimer start(String functionId, Invoker function, String ruleName, Duration period) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("schedule-" + functionId).daemon(true).factory());
        String ruleArn = "arn:aws:events:us-east-1:123456789012:rule/" + ruleName;
        timer.scheduleAtFixedRate(() -> {
            try {
                Invocation result = function.invoke(ScheduledEvents.event(ruleArn, "us-east-1"));
                if (result.failed()) {
                    log.warn("scheduled run of {} failed: {}", functionId, result.payloadText());
                }
            } catch (RuntimeException e) {
                // a thrown error would cancel the timer; EventBridge keeps firing whatever happened
                log.warn("scheduled run of {} could not be invoked", functionId, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new ScheduleTimer(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
