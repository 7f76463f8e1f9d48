package io.botfleet.telegram.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * Routes by path prefix. One root context rather than several, because how HttpServer matches context prefixes
 * ("/bot" against "/bot123:abc/getMe") differs between JDK versions.
 *
 * <p>The server runs this on its dispatcher thread. A {@code sendMessage} is handled right there (the broadcast
 * path, without a thread per request: at 1,000 requests a second a virtual thread per exchange, its hand-offs and
 * its timer were most of this process's CPU). Everything else (media fetched from URLs, long polls, the control API)
 * may block, so it runs on a virtual thread of its own. Bot API answers are given by {@link BotApiHandler}'s answer
 * timer when their latency is up.
 */
final class EmulatorHttpHandler implements HttpHandler {

    private final BotApiHandler botApi;
    private final ControlApiHandler control;
    private final ExecutorService blocking;

    EmulatorHttpHandler(BotApiHandler botApi, ControlApiHandler control, ExecutorService blocking) {
        this.botApi = botApi;
        this.control = control;
        this.blocking = blocking;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        if (path.startsWith("/bot")) {
            // the Bot API handler closes the exchange once it is answered, possibly later from its timer
            Runnable call = () -> {
                try {
                    botApi.handleApi(exchange, path.substring("/bot".length()));
                } catch (IOException | RuntimeException e) {
                    failed(exchange, e);
                    exchange.close();
                }
            };
            if (path.endsWith("/sendMessage")) {
                call.run();
            } else {
                blocking.execute(call);
            }
            return;
        }
        blocking.execute(() -> {
            try {
                if (path.startsWith("/file/bot")) {
                    botApi.handleFileDownload(exchange, path.substring("/file/bot".length()));
                } else if (path.startsWith("/control/")) {
                    control.handle(exchange, path.substring("/control/".length()));
                } else {
                    HttpResponses.json(exchange, 404, ApiOutcome.error(ApiException.notFound()).body());
                }
            } catch (IOException | RuntimeException e) {
                failed(exchange, e);
            } finally {
                exchange.close();
            }
        });
    }

    /** HttpServer would drop the connection silently; say what broke (never the path: it holds the token). */
    private static void failed(HttpExchange exchange, Exception e) {
        if (e instanceof IOException) {
            // the client went away: nobody to answer
            return;
        }
        System.err.println("telegram-emulator: request failed: " + e);
        try {
            HttpResponses.json(exchange, 500, ApiOutcome.error(ApiException.serverError(500)).body());
        } catch (IOException | RuntimeException ignored) {
            // the response had begun, or the client is gone
        }
    }
}
