package io.botfleet.telegram;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Telegram Bot API over HTTP (JSON bodies). Calls block: the sender runs each on its own virtual thread. Speaks
 * HTTP/1.1 over its own pool of keep-alive connections ({@link KeepAliveHttpClient}, which says why). The token only
 * ever appears in the request line, never in exceptions or logs.
 */
public final class TelegramBotApi {
    private final URI base;
    private final KeepAliveHttpClient http;

    /**
     * @param connectTimeout for the connection and its TLS handshake
     * @param timeout        for each read of an answer
     */
    public TelegramBotApi(URI base, Duration connectTimeout, Duration timeout) {
        this.base = base;
        this.http = new KeepAliveHttpClient(base, connectTimeout, timeout);
    }

    public static TelegramBotApi create(URI base) {
        return new TelegramBotApi(base, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public URI base() {
        return base;
    }

    /**
     * Calls a method that sends a message ({@code sendMessage}, {@code sendPhoto}, ...) to {@code chatId} and returns
     * its message id. {@code message} is the rest of the body, not to be changed once passed: a broadcast passes the
     * same map for every recipient, and its JSON is then written once and reused ({@link #lastMessage}). A success is read as a stream for
     * {@code ok} and {@code result.message_id}, without a JSON tree of the sent message: at 1,000 sends a second the
     * tree was a tenth of the sender's CPU, and writing the body from the map each time another tenth.
     */
    public long send(String token, String method, long chatId, Map<String, ?> message) {
        HttpConnection.Response answer = exchange(token, method, "application/json", body(chatId, message));
        if (answer.status() == 200) {
            OptionalLong messageId = sentMessageId(answer.body());
            if (messageId.isPresent()) {
                return messageId.getAsLong();
            }
        }
        return parse(method, answer.status(), answer.body()).path("message_id").asLong();
    }

    /** The last message map sent and its JSON: recipients of one broadcast share the map, so it is written once. */
    private record WrittenMessage(Map<String, ?> message, byte[] json) {}

    private volatile WrittenMessage lastMessage;

    /** {@code {"chat_id":<chatId>,...message}} */
    private byte[] body(long chatId, Map<String, ?> message) {
        WrittenMessage written = lastMessage;
        if (written == null || written.message() != message) {
            written = new WrittenMessage(message, Json.writeBytes(message));
            lastMessage = written;
        }
        byte[] rest = written.json();
        byte[] chat = ("{\"chat_id\":" + chatId + (rest.length > 2 ? "," : "")).getBytes(StandardCharsets.US_ASCII);
        // the message's JSON without its opening brace
        byte[] body = new byte[chat.length + rest.length - 1];
        System.arraycopy(chat, 0, body, 0, chat.length);
        System.arraycopy(rest, 1, body, chat.length, rest.length - 1);
        return body;
    }

    /** {@code result.message_id} of {@code {"ok":true,"result":{...}}}; empty for any other answer. */
    private static OptionalLong sentMessageId(byte[] body) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return OptionalLong.empty();
            }
            boolean ok = false;
            long messageId = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("ok".equals(field)) {
                    ok = value == JsonToken.VALUE_TRUE;
                } else if ("result".equals(field) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("message_id".equals(inner) && v == JsonToken.VALUE_NUMBER_INT) {
                            messageId = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            return ok && messageId >= 0 ? OptionalLong.of(messageId) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Calls a Bot API method and returns its {@code result}, or throws a {@link TelegramApiException}. */
    public JsonNode call(String token, String method, Map<String, ?> parameters) {
        HttpConnection.Response answer = exchange(token, method, "application/json", Json.writeBytes(parameters));
        return parse(method, answer.status(), answer.body());
    }

    /** A message sent with an uploaded file, and the file_id Telegram gave the file (empty if it named none). */
    public record Uploaded(long messageId, java.util.Optional<String> fileId) {}

    /**
     * Calls a send method with a file uploaded as {@code fileParameter} (multipart/form-data, as Telegram takes
     * uploads); other parameters go as form fields, objects and lists as JSON.
     */
    public Uploaded upload(String token, String method, Map<String, ?> parameters, String fileParameter, String fileName,
                           String contentType, byte[] content) {
        JsonNode message = multipart(token, method, parameters, fileParameter, fileName, contentType, content);
        // a photo comes back in several sizes, the largest (the one sent) last; other kinds as one object
        JsonNode media = message.path(fileParameter);
        JsonNode file = media.isArray() && !media.isEmpty() ? media.get(media.size() - 1) : media;
        String fileId = file.path("file_id").asText("");
        return new Uploaded(message.path("message_id").asLong(), fileId.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(fileId));
    }

    private JsonNode multipart(String token, String method, Map<String, ?> parameters, String fileParameter, String fileName,
                           String contentType, byte[] content) {
        String boundary = "botfleet-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(content.length + 1024);
        parameters.forEach((name, value) -> {
            String text = value instanceof String || value instanceof Number || value instanceof Boolean
                    ? String.valueOf(value) : new String(Json.writeBytes(value), StandardCharsets.UTF_8);
            part(body, boundary, "form-data; name=\"" + name + "\"", null, text.getBytes(StandardCharsets.UTF_8));
        });
        String safeName = fileName.replaceAll("[\"\\\\\r\n]", "_");
        part(body, boundary, "form-data; name=\"" + fileParameter + "\"; filename=\"" + safeName + "\"", contentType, content);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpConnection.Response answer = exchange(token, method, "multipart/form-data; boundary=" + boundary, body.toByteArray());
        return parse(method, answer.status(), answer.body());
    }

    private static void part(java.io.ByteArrayOutputStream body, String boundary, String disposition, String contentType,
                             byte[] content) {
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                .append("Content-Disposition: ").append(disposition).append("\r\n");
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        body.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private HttpConnection.Response exchange(String token, String method, String contentType, byte[] body) {
        try {
            return http.post("/bot" + token + "/" + method, contentType, body);
        } catch (KeepAliveHttpClient.NotSentException e) {
            throw new TelegramApiException(method, 0, "Telegram unreachable: " + e.getCause().getClass().getSimpleName(),
                    OptionalInt.empty());
        } catch (IOException e) {
            // the request was handed over: whether Telegram acted on it is open
            throw new TelegramApiException(method, 0, "no answer from Telegram: " + e.getClass().getSimpleName(),
                    OptionalInt.empty(), OptionalLong.empty(), true);
        }
    }

    private static JsonNode parse(String method, int status, byte[] response) {
        JsonNode body;
        try {
            body = response.length == 0 ? null : Json.MAPPER.readTree(response);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new TelegramApiException(method, status >= 500 ? status : 502, "unreadable response (HTTP " + status + ")",
                    OptionalInt.empty());
        }
        if (body.path("ok").asBoolean(false)) {
            return body.path("result");
        }
        int code = body.path("error_code").asInt(status);
        String description = body.path("description").asText("");
        JsonNode retry = body.path("parameters").get("retry_after");
        JsonNode migrateTo = body.path("parameters").get("migrate_to_chat_id");
        throw new TelegramApiException(method, code, description, retry == null ? OptionalInt.empty() : OptionalInt.of(retry.asInt()),
                migrateTo != null && migrateTo.canConvertToLong() ? OptionalLong.of(migrateTo.asLong()) : OptionalLong.empty(), false);
    }
}
