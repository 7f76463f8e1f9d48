package io.botfleet.telegram.emulator;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes by path prefix. Blocking (the default invocation type): Jetty runs it on a virtual thread, so that injected
 * latency, long polls and media fetches wait without holding a platform thread.
 */
final class EmulatorHttpHandler extends Handler.Abstract {

    private final BotApiHandler botApi;
    private final ControlApiHandler control;

    EmulatorHttpHandler(BotApiHandler botApi, ControlApiHandler control) {
        this.botApi = botApi;
        this.control = control;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        EmulatorExchange exchange = new EmulatorExchange(request, response, callback);
        try {
            String path = exchange.rawPath();
            if (path.startsWith("/bot")) {
                botApi.handleApi(exchange, path.substring("/bot".length()));
            } else if (path.startsWith("/file/bot")) {
                botApi.handleFileDownload(exchange, path.substring("/file/bot".length()));
            } else if (path.startsWith("/control/")) {
                control.handle(exchange, path.substring("/control/".length()));
            } else {
                HttpResponses.json(exchange, 404, ApiOutcome.error(ApiException.notFound()).body());
            }
        } catch (Exception e) {
            // say what broke (never the path: it holds the token)
            System.err.println("telegram-emulator: request failed: " + e);
            if (!exchange.answered()) {
                HttpResponses.json(exchange, 500, ApiOutcome.error(ApiException.serverError(500)).body());
            } else {
                callback.failed(e);
            }
        }
        return true;
    }
}
