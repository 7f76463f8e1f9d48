package io.botfleet.telegram.emulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code /bot<token>/<method>} and {@code /file/bot<token>/<path>}. A Bot API call's answer is given by the
 * thread of its connection once the injected latency (and the extra delay of the accepted-then-slow fault) is up, so
 * slow answers never hold up other requests or a thread, and a delayed send has already delivered its message.
 * Answers are due on a grid of {@link #LATENCY_GRID_NANOS}: those due within the same step go out together, one
 * wake-up for all of them instead of one per request, at most that much later than asked.
 */
final class BotApiHandler {
    /**
     * One wake-up of the connection's thread per step instead of one per answer: at 1,000 requests a second this took
     * the emulator from 319 to 241-254 ms of CPU per 1,000 when it ran on the JDK's HTTP server.
     */
    static final long LATENCY_GRID_NANOS = Duration.ofMillis(8).toNanos();

    private final EmulatorState state;
    private final BotApi api;

    BotApiHandler(EmulatorState state, BotApi api) {
        this.state = state;
        this.api = api;
    }

    /** Answers the call, now or once its latency is up. */
    void handleApi(HttpCall call, String tokenAndMethod) {
        int slash = tokenAndMethod.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndMethod.substring(0, slash));
        if (bot == null) {
            call.respondJson(401, ApiOutcome.error(ApiException.unauthorized()).body());
            return;
        }
        ApiParams params = null;
        ApiException readFailure = null;
        try {
            params = ApiRequestReader.read(call);
        } catch (ApiException e) {
            readFailure = e;
        }
        ApiOutcome outcome = api.call(bot, tokenAndMethod.substring(slash + 1), params, readFailure);
        Duration late = outcome.acceptedSend() ? bot.takeAcceptedSendDelay() : Duration.ZERO;
        answerAfter(bot.faults().latency().plus(late), call, outcome);
    }

    private static void answerAfter(Duration latency, HttpCall call, ApiOutcome outcome) {
        if (latency.isZero()) {
            call.respondJson(outcome.status(), outcome.body());
            return;
        }
        long now = System.nanoTime();
        long due = Math.ceilDiv(now + latency.toNanos(), LATENCY_GRID_NANOS) * LATENCY_GRID_NANOS;
        call.connectionThread().schedule(() -> call.respondJson(outcome.status(), outcome.body()),
                due - now, TimeUnit.NANOSECONDS);
    }

    void handleFileDownload(HttpCall call, String tokenAndPath) {
        int slash = tokenAndPath.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndPath.substring(0, slash));
        if (bot == null) {
            call.respondJson(401, ApiOutcome.error(ApiException.unauthorized()).body());
            return;
        }
        StoredFile file = bot.fileAtPath(tokenAndPath.substring(slash + 1));
        if (file == null || file.content() == null) {
            call.respondJson(404, ApiOutcome.error(ApiException.notFound()).body());
            return;
        }
        call.respond(200, file.mimeType(), file.content());
    }
}
