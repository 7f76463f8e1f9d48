package io.botfleet.telegram.emulator;

import java.util.concurrent.ScheduledExecutorService;

/**
 * One HTTP request to the emulator and the one answer it gets. The request is complete (its body read) when the call
 * is made; the answer may be given later and from any thread, exactly once.
 */
interface HttpCall {

    String method();

    String rawPath();

    /** The raw query string, or null when the request has none. */
    String rawQuery();

    /** The first value of the header, or null. */
    String header(String name);

    byte[] body();

    /**
     * The thread that serves this call's connection, as a scheduler: an answer timed from here needs no hand-off
     * between threads.
     */
    ScheduledExecutorService connectionThread();

    void respond(int status, String contentType, byte[] body);

    default void respondJson(int status, Object body) {
        respond(status, "application/json", Json.bytes(body));
    }
}
