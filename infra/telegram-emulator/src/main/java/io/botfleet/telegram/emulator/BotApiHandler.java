package io.botfleet.telegram.emulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code /bot<token>/<method>} and {@code /file/bot<token>/<path>}. A Bot API call's answer is given by one
 * timer thread once the injected latency (and the extra delay of the accepted-then-slow fault) is up, so slow answers
 * never hold up other requests or a thread, and a delayed send has already delivered its message. Answers are due on
 * a grid of {@link #LATENCY_GRID_NANOS}: those due within the same step go out together, one timer wake-up for all of
 * them instead of one per request, at most that much later than asked.
 */
final class BotApiHandler {
    /** At 1,000 requests a second: 319 → 121-138 ms of this process's CPU per 1,000 with the server-thread handling. */
    static final long LATENCY_GRID_NANOS = Duration.ofMillis(8).toNanos();

    private final EmulatorState state;
    private final BotApi api;
    private final ScheduledExecutorService answerTimer;

    BotApiHandler(EmulatorState state, BotApi api, ScheduledExecutorService answerTimer) {
        this.state = state;
        this.api = api;
        this.answerTimer = answerTimer;
    }

    /** Answers the call, now or from the answer timer; either way the exchange is closed once it is answered. */
    void handleApi(HttpExchange exchange, String tokenAndMethod) throws IOException {
        int slash = tokenAndMethod.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndMethod.substring(0, slash));
        if (bot == null) {
            HttpRequests.body(exchange);
            answerAfter(Duration.ZERO, exchange, ApiOutcome.error(ApiException.unauthorized()));
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
        answerAfter(bot.faults().latency().plus(late), exchange, outcome);
    }

    private void answerAfter(Duration latency, HttpExchange exchange, ApiOutcome outcome) throws IOException {
        if (latency.isZero()) {
            try {
                HttpResponses.json(exchange, outcome.status(), outcome.body());
            } finally {
                exchange.close();
            }
            return;
        }
        long now = System.nanoTime();
        long due = Math.ceilDiv(now + latency.toNanos(), LATENCY_GRID_NANOS) * LATENCY_GRID_NANOS;
        answerTimer.schedule(() -> {
            try {
                HttpResponses.json(exchange, outcome.status(), outcome.body());
            } catch (IOException | RuntimeException e) {
                // the client went away: nobody to answer
            } finally {
                exchange.close();
            }
        }, due - now, TimeUnit.NANOSECONDS);
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
}
