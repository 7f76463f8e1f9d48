package io.botfleet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/** {@code requests} requests from {@code concurrency} clients, each timed: latency percentiles, throughput, failures. */
record ConcurrentLoad(long[] sortedLatencies, long failures, double seconds) {

    /** @param request sends request number {@code i}; false if it failed */
    static ConcurrentLoad run(int requests, int concurrency, LongPredicate request) throws Exception {
        long[] latencies = new long[requests];
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < requests) {
                        long s = System.nanoTime();
                        boolean ok;
                        try {
                            ok = request.test(i);
                        } catch (RuntimeException e) {
                            ok = false;
                        }
                        if (!ok) {
                            failures.incrementAndGet();
                        }
                        latencies[(int) i] = System.nanoTime() - s;
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new ConcurrentLoad(latencies, failures.get(), seconds);
    }

    double percentileMillis(double p) {
        return sortedLatencies[Math.min(sortedLatencies.length - 1, (int) (sortedLatencies.length * p))] / 1e6;
    }

    double perSecond() {
        return sortedLatencies.length / seconds;
    }
}
