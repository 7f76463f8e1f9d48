package io.botfleet.telegram.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves {@code /bot<token>/<method>} and {@code /file/bot<token>/<path>}. Injected latency (and the extra delay of
 * the accepted-then-slow fault) is slept after the work and before the answer, on the request's own virtual thread,
 * so slow answers never hold up other requests, and a delayed send has already delivered its message.
 */
final class BotApiHandler {

    private final EmulatorState state;
    private final BotApi api;
    /** Gives the answers of requests handled on the server's thread; answers due together go out together. */
    private final ScheduledExecutorService answerTimer;

    BotApiHandler(EmulatorState state, BotApi api, ScheduledExecutorService answerTimer) {
        this.state = state;
        this.api = api;
        this.answerTimer = answerTimer;
    }

    /** How an answer is given once the request's work is done: after the bot's injected latency. */
    interface Answers {
        void after(Duration latency, Answer answer) throws IOException;
    }

    interface Answer {
        void give() throws IOException;
    }

    /** On the request's own (virtual) thread: sleeps out the latency, then answers. */
    static final Answers SLEEP_THEN_ANSWER = (latency, answer) -> {
        sleep(latency);
        answer.give();
    };

    /**
     * From the answer timer: the calling thread goes on at once, the answer is given (and the exchange closed) when
     * the latency is up, on {@link #LATENCY_GRID_NANOS}'s grid.
     */
    Answers timedAnswers(HttpExchange exchange) {
        return (latency, answer) -> {
            if (latency.isZero()) {
                try {
                    answer.give();
                } finally {
                    exchange.close();
                }
                return;
            }
            long now = System.nanoTime();
            long until = Math.ceilDiv(now + latency.toNanos(), LATENCY_GRID_NANOS) * LATENCY_GRID_NANOS;
            answerTimer.schedule(() -> {
                try {
                    answer.give();
                } catch (IOException | RuntimeException e) {
                    // the client went away
                } finally {
                    exchange.close();
                }
            }, until - now, TimeUnit.NANOSECONDS);
        };
    }

    void handleApi(HttpExchange exchange, String tokenAndMethod, Answers answers) throws IOException {
        int slash = tokenAndMethod.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndMethod.substring(0, slash));
        if (bot == null) {
            HttpRequests.body(exchange);
            HttpResponses.json(exchange, 401, ApiOutcome.error(ApiException.unauthorized()).body());
            return;
        }
        ApiParams params = null;
        ApiException readFailure = null;
        try {
            params = ApiRequestReader.read(exchange);
        } catch (ApiException e) {
            readFailure = e;
        }
        ApiOutcome outcome = api.call(bot, tokenAndMethod.substring(slash + 1), params, readFailure);
        Duration late = outcome.acceptedSend() ? bot.takeAcceptedSendDelay() : Duration.ZERO;
        answers.after(bot.faults().latency().plus(late), () -> HttpResponses.json(exchange, outcome.status(), outcome.body()));
    }

    void handleFileDownload(HttpExchange exchange, String tokenAndPath) throws IOException {
        int slash = tokenAndPath.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndPath.substring(0, slash));
        if (bot == null) {
            HttpResponses.json(exchange, 401, ApiOutcome.error(ApiException.unauthorized()).body());
            return;
        }
        StoredFile file = bot.fileAtPath(tokenAndPath.substring(slash + 1));
        if (file == null || file.content() == null) {
            HttpResponses.json(exchange, 404, ApiOutcome.error(ApiException.notFound()).body());
            return;
        }
        HttpResponses.send(exchange, 200, file.mimeType(), file.content());
    }

    /**
     * Waits out injected latency in steps of {@link #LATENCY_GRID_NANOS}: answers due within the same step wake
     * together, one timer wake-up for all of them instead of one per request, at most that much later than asked
     * (at 1,000 requests a second: 319 → 241-254 ms of this process's CPU per 1,000, {@code ./botfleet bench
     * broadcast paid}).
     */
    static final long LATENCY_GRID_NANOS = Duration.ofMillis(8).toNanos();

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        long due = System.nanoTime() + latency.toNanos();
        long until = Math.ceilDiv(due, LATENCY_GRID_NANOS) * LATENCY_GRID_NANOS;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
