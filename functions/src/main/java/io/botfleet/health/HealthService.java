package io.botfleet.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Probes every dependency at once, each within a deadline, so one hung dependency cannot hang the report. */
public final class HealthService {
    private final List<DependencyCheck> checks;
    private final Duration timeout;
    private final Clock clock;

    public HealthService(List<DependencyCheck> checks, Duration timeout, Clock clock) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.clock = clock;
    }

    public HealthReport check() {
        Map<String, HealthReport.DependencyStatus> results = new LinkedHashMap<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<HealthReport.DependencyStatus>> futures = new LinkedHashMap<>();
            for (DependencyCheck check : checks) {
                futures.put(check.name(), executor.submit(() -> probe(check)));
            }
            futures.forEach((name, future) -> results.put(name, await(future)));
            executor.shutdownNow();
        }
        boolean allUp = results.values().stream().allMatch(HealthReport.DependencyStatus::up);
        return new HealthReport(allUp ? "ok" : "degraded", clock.instant(), results);
    }

    private static HealthReport.DependencyStatus probe(DependencyCheck check) {
        long start = System.nanoTime();
        try {
            check.probe().run();
            return new HealthReport.DependencyStatus("up", elapsedMs(start), null);
        } catch (Exception e) {
            // the exception type is enough to act on; messages of SDK errors can carry request details
            return new HealthReport.DependencyStatus("down", elapsedMs(start), e.getClass().getSimpleName());
        }
    }

    private HealthReport.DependencyStatus await(Future<HealthReport.DependencyStatus> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new HealthReport.DependencyStatus("down", timeout.toMillis(), "timed out");
        } catch (ExecutionException e) {
            return new HealthReport.DependencyStatus("down", 0, e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthReport.DependencyStatus("down", 0, "interrupted");
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
