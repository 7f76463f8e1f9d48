package io.botfleet.telegram.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code /bot<token>/<method>} and {@code /file/bot<token>/<path>}. Injected latency (and the extra delay of
 * the accepted-then-slow fault) comes after the work and before the answer: the answer is written by a timer when
 * it is due, so slow answers never hold up other requests (nor a thread), and a delayed send has already delivered
 * its message.
 */
final class BotApiHandler {

    private final EmulatorState state;
    private final BotApi api;
    private final ScheduledExecutorService answers;

    /** {@code answers} writes the answers that injected latency delays. */
    BotApiHandler(EmulatorState state, BotApi api, ScheduledExecutorService answers) {
        this.state = state;
        this.api = api;
        this.answers = answers;
    }

    void handleApi(EmulatorExchange exchange, String tokenAndMethod) throws IOException {
        int slash = tokenAndMethod.indexOf('/');
        BotState bot = slash < 0 ? null : state.botByToken(tokenAndMethod.substring(0, slash));
        if (bot == null) {
            exchange.body();
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
        Duration delay = bot.faults().latency().plus(late);
        byte[] body = Json.bytes(outcome.body());
        if (delay.isZero()) {
            exchange.answer(outcome.status(), HttpResponses.JSON, body);
        } else {
            // a sleeping virtual thread would cost a timer wake-up, an unpark and a carrier hand-off per request; one
            // timer thread writes the due answers instead (Jetty writes a small answer without blocking)
            exchange.promiseAnswer();
            answers.schedule(() -> exchange.answer(outcome.status(), HttpResponses.JSON, body),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void handleFileDownload(EmulatorExchange exchange, String tokenAndPath) throws IOException {
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
