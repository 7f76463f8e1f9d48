package io.botfleet.telegram.emulator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One HTTP request to the emulator and its answer: all the handlers see of the HTTP server. */
final class EmulatorExchange {

    private final Request request;
    private final Response response;
    private final Callback callback;
    private volatile boolean answered;

    EmulatorExchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    String method() {
        return request.getMethod();
    }

    /** Still percent-encoded. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    /** Still percent-encoded; null when there is none. */
    String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    String contentType() {
        return request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    }

    /** The whole request body (blocking until it has arrived). */
    byte[] body() throws IOException {
        ByteBuffer content = Content.Source.asByteBuffer(request);
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return bytes;
    }

    boolean answered() {
        return answered;
    }

    /** The answer will come later, from another thread (see {@link #answer}). */
    void promiseAnswer() {
        answered = true;
    }

    /** Completes the exchange; every exchange ends in exactly one answer. */
    void answer(int status, String contentType, byte[] body) {
        answered = true;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
