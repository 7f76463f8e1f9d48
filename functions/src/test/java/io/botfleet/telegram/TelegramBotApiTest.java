package io.botfleet.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramBotApiTest {
    private static final String TOKEN = "123456:AAH-secret-token";

    private static TelegramBotApi api(int port) {
        return new TelegramBotApi(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Test
    void aTelegramThatCannotBeReachedFailsTransientlyWithoutDoubtAndWithoutTheToken() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        TelegramApiException e = catchThrowableOfType(TelegramApiException.class,
                () -> api(port).send(TOKEN, "sendMessage", 1, Map.of("text", "hi")));

        assertThat(e.errorCode()).isZero();
        assertThat(e.transient_()).isTrue();
        assertThat(e.inDoubt()).isFalse();
        assertThat(e.description()).startsWith("Telegram unreachable: ");
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("secret");
    }

    @Test
    void aRequestLeftWithoutAnAnswerIsInDoubtAndNamesNoToken() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"ok\":");
        })) {
            TelegramApiException e = catchThrowableOfType(TelegramApiException.class,
                    () -> api(server.port()).send(TOKEN, "sendMessage", 1, Map.of("text", "hi")));

            assertThat(e.inDoubt()).isTrue();
            assertThat(e.description()).startsWith("no answer from Telegram: ");
            assertThat(e.getMessage()).doesNotContain("secret");
            assertThat(server.requests().getFirst()).startsWith("POST /bot" + TOKEN + "/sendMessage HTTP/1.1");
        }
    }

    @Test
    void aChunked429CarriesItsRetryAfter() throws Exception {
        String body = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}";
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            while (exchange.request() != null) {
                exchange.write("HTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
            }
        })) {
            TelegramApiException e = catchThrowableOfType(TelegramApiException.class,
                    () -> api(server.port()).send(TOKEN, "sendMessage", 1, Map.of("text", "hi")));

            assertThat(e.rateLimited()).isTrue();
            assertThat(e.retryAfterSeconds()).hasValue(7);
            assertThat(e.inDoubt()).isFalse();
        }
    }

    @Test
    void aMessageSharedByItsRecipientsGoesToEachWithItsChatIdFirst() throws Exception {
        String sent = "{\"ok\":true,\"result\":{\"message_id\":5,\"chat\":{\"id\":1}}}";
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            while (exchange.request() != null) {
                exchange.write("HTTP/1.1 200 OK\r\nContent-Length: " + sent.length() + "\r\n\r\n" + sent);
            }
        })) {
            TelegramBotApi api = api(server.port());
            Map<String, Object> message = new java.util.LinkedHashMap<>();
            message.put("text", "<b>hi</b> \"all\"");
            message.put("parse_mode", "HTML");

            assertThat(api.send(TOKEN, "sendMessage", 11, message)).isEqualTo(5);
            api.send(TOKEN, "sendMessage", -1002, message);
            api.send(TOKEN, "sendMessage", 13, Map.of("text", "other"));
            api.send(TOKEN, "sendMessage", 14, Map.of());

            assertThat(server.requests()).extracting(r -> r.substring(r.indexOf("\n\n") + 2)).containsExactly(
                    "{\"chat_id\":11,\"text\":\"<b>hi</b> \\\"all\\\"\",\"parse_mode\":\"HTML\"}",
                    "{\"chat_id\":-1002,\"text\":\"<b>hi</b> \\\"all\\\"\",\"parse_mode\":\"HTML\"}",
                    "{\"chat_id\":13,\"text\":\"other\"}",
                    "{\"chat_id\":14}");
        }
    }
}
