package io.botfleet.telegram.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/**
 * Routes by path prefix. One root context rather than several, because how HttpServer matches context prefixes
 * ("/bot" against "/bot123:abc/getMe") differs between JDK versions.
 */
final class EmulatorHttpHandler implements HttpHandler {

    private final BotApiHandler botApi;
    private final ControlApiHandler control;

    EmulatorHttpHandler(BotApiHandler botApi, ControlApiHandler control) {
        this.botApi = botApi;
        this.control = control;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/bot")) {
                botApi.handleApi(exchange, path.substring("/bot".length()));
            } else if (path.startsWith("/file/bot")) {
                botApi.handleFileDownload(exchange, path.substring("/file/bot".length()));
            } else if (path.startsWith("/control/")) {
                control.handle(exchange, path.substring("/control/".length()));
            } else {
                HttpResponses.json(exchange, 404, ApiOutcome.error(ApiException.notFound()).body());
            }
        } catch (RuntimeException e) {
            // HttpServer would drop the connection silently; say what broke (never the path: it holds the token)
            System.err.println("telegram-emulator: request failed: " + e);
            HttpResponses.json(exchange, 500, ApiOutcome.error(ApiException.serverError(500)).body());
        } finally {
            exchange.close();
        }
    }
}
