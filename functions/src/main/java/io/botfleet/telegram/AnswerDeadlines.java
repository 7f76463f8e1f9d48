package io.botfleet.telegram;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The read timeout of every {@link HttpConnection} waiting for an answer, enforced by one watcher thread that closes
 * the connections whose answer is overdue. A socket timeout would do the same per read, but a virtual thread's timed
 * read arms and cancels a timer each time: at 1,000 requests a second that was a tenth of the paid sender's CPU
 * (measured with {@code ./botfleet bench broadcast paid}, docs/benchmarks.md). A timeout fires up to
 * {@link #CHECK_EVERY} late.
 */
final class AnswerDeadlines {
    static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private static final Set<HttpConnection> WAITING = ConcurrentHashMap.newKeySet();

    static {
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-answer-deadlines").factory())
                .scheduleWithFixedDelay(AnswerDeadlines::closeOverdue, CHECK_EVERY.toNanos(), CHECK_EVERY.toNanos(),
                        TimeUnit.NANOSECONDS);
    }

    private AnswerDeadlines() {}

    /** From now on the connection is closed if it is still waiting at its {@link HttpConnection#answerDue()}. */
    static void watch(HttpConnection connection) {
        WAITING.add(connection);
    }

    static void forget(HttpConnection connection) {
        WAITING.remove(connection);
    }

    private static void closeOverdue() {
        long now = System.nanoTime();
        for (HttpConnection connection : WAITING) {
            if (now - connection.answerDue() > 0) {
                WAITING.remove(connection);
                connection.timeOut();
            }
        }
    }
}
