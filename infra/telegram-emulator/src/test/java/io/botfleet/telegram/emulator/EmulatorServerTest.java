package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP server itself, over a raw socket: what a client sees whatever order the answers are made in. */
class EmulatorServerTest {

    private EmulatorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCameEvenWhenALaterOneIsReadyFirst() throws Exception {
        CountDownLatch secondAnswered = new CountDownLatch(1);
        server = EmulatorServer.start(0, call -> {
            if (call.rawPath().equals("/slow")) {
                Thread.ofVirtual().start(() -> {
                    await(secondAnswered);
                    call.respond(200, "text/plain", bytes("slow"));
                });
            } else {
                call.respond(200, "text/plain", bytes("fast"));
                secondAnswered.countDown();
            }
        });

        String answers = exchange("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answers.indexOf("slow")).isPositive().isLessThan(answers.indexOf("fast"));
        assertThat(answers).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void theRequestReachesTheHandlerWhole() throws Exception {
        server = EmulatorServer.start(0, call -> call.respond(200, "text/plain", bytes(
                call.method() + " " + call.rawPath() + " ? " + call.rawQuery() + " " + call.header("content-type")
                        + " " + new String(call.body(), StandardCharsets.UTF_8))));

        String answer = exchange("POST /bot1:x/sendMessage?chat_id=5 HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");

        assertThat(answer).containsIgnoringCase("Content-Length: 53")
                .endsWith("POST /bot1:x/sendMessage ? chat_id=5 text/plain hello");
    }

    @Test
    void aCallIsAnsweredOnce() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        server = EmulatorServer.start(0, call -> {
            call.respond(200, "text/plain", bytes("first"));
            try {
                call.respond(500, "text/plain", bytes("second"));
            } catch (IllegalStateException e) {
                failure[0] = e;
            }
            second.countDown();
        });

        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failure[0]).hasMessage("answered twice");
        assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("first").doesNotContain("second");
    }

    @Test
    void aMalformedRequestIsRefusedWithoutReachingTheHandler() throws Exception {
        server = EmulatorServer.start(0, call -> call.respond(200, "text/plain", bytes("handled")));

        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("handled");
    }

    @Test
    void closedServersRefuseConnections() {
        server = EmulatorServer.start(0, call -> call.respond(200, "text/plain", bytes("ok")));
        int port = server.port();
        server.close();
        server = null;

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
    }

    /** Writes the requests and reads until the server closes the connection. */
    private String exchange(String requests) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes(requests));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            return read.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
