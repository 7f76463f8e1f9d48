package io.botfleet.telegram.emulator;

import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Routes by path prefix.
 *
 * <p>The server runs this on the event-loop thread that reads the request. A {@code sendMessage} is handled right
 * there (the broadcast path, without a thread hand-off per request). Everything else (media fetched from URLs, long
 * polls, the control API) may block, so it runs on a virtual thread of its own. Bot API answers are given by
 * {@link BotApiHandler} when their latency is up.
 */
final class EmulatorHttpHandler implements Consumer<HttpCall> {

    private final BotApiHandler botApi;
    private final ControlApiHandler control;
    private final ExecutorService blocking;

    EmulatorHttpHandler(BotApiHandler botApi, ControlApiHandler control, ExecutorService blocking) {
        this.botApi = botApi;
        this.control = control;
        this.blocking = blocking;
    }

    @Override
    public void accept(HttpCall call) {
        String path = call.rawPath();
        if (path.endsWith("/sendMessage") && path.startsWith("/bot")) {
            handle(call, path);
        } else {
            blocking.execute(() -> handle(call, path));
        }
    }

    private void handle(HttpCall call, String path) {
        try {
            if (path.startsWith("/bot")) {
                botApi.handleApi(call, path.substring("/bot".length()));
            } else if (path.startsWith("/file/bot")) {
                botApi.handleFileDownload(call, path.substring("/file/bot".length()));
            } else if (path.startsWith("/control/")) {
                control.handle(call, path.substring("/control/".length()));
            } else {
                call.respondJson(404, ApiOutcome.error(ApiException.notFound()).body());
            }
        } catch (RuntimeException e) {
            // say what broke (never the path: it holds the token), and answer rather than leave the client waiting
            System.err.println("telegram-emulator: request failed: " + e);
            try {
                call.respondJson(500, ApiOutcome.error(ApiException.serverError(500)).body());
            } catch (IllegalStateException alreadyAnswered) {
                // the answer had been given before the failure
            }
        }
    }
}
