package io.botfleet.telegram.emulator;

/** Writes complete responses; every exchange ends in exactly one of these. */
final class HttpResponses {

    static final String JSON = "application/json";

    private HttpResponses() {
    }

    static void json(EmulatorExchange exchange, int status, Object body) {
        send(exchange, status, JSON, Json.bytes(body));
    }

    static void send(EmulatorExchange exchange, int status, String contentType, byte[] body) {
        exchange.answer(status, contentType, body);
    }
}
