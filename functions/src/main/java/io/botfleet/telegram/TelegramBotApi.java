package io.botfleet.telegram;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Telegram Bot API over HTTP (JSON bodies). Calls block: the sender runs each on its own virtual thread. Uses
 * {@link HttpURLConnection} with keep-alive rather than {@code java.net.http.HttpClient}: measured at 1,000 sends per
 * second, its per-request CPU is a fraction of the asynchronous client's, and CPU is what limits a sender. The token
 * only ever appears in the request URL, never in exceptions or logs.
 */
public final class TelegramBotApi {
    static {
        // keep-alive connections kept per host (JDK default 5): a sender has ~100 requests in flight at 1,000/s
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    private final URI base;
    private final Duration connectTimeout;
    private final Duration timeout;

    public TelegramBotApi(URI base, Duration connectTimeout, Duration timeout) {
        this.base = base;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    public static TelegramBotApi create(URI base) {
        return new TelegramBotApi(base, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public URI base() {
        return base;
    }

    /**
     * Calls a method that sends a message ({@code sendMessage}, {@code sendPhoto}, ...) and returns its message id.
     * A success is read as a stream for {@code ok} and {@code result.message_id}, without a JSON tree of the sent
     * message: at 1,000 sends a second the tree was a tenth of the sender's CPU.
     */
    public long send(String token, String method, Map<String, ?> parameters) {
        Answer answer = exchange(token, method, "application/json", Json.writeBytes(parameters));
        if (answer.status() == 200) {
            OptionalLong messageId = sentMessageId(answer.body());
            if (messageId.isPresent()) {
                return messageId.getAsLong();
            }
        }
        return parse(method, answer.status(), answer.body()).path("message_id").asLong();
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
        Answer answer = exchange(token, method, "application/json", Json.writeBytes(parameters));
        return parse(method, answer.status(), answer.body());
    }

    private record Answer(int status, byte[] body) {}

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
        Answer answer = exchange(token, method, "multipart/form-data; boundary=" + boundary, body.toByteArray());
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

    /** The URL of a bot's method, built once: parsing it was a measurable part of every send. */
    private URL url(String token, String method) throws IOException {
        String path = "/bot" + token + "/" + method;
        URL url = urls.get(path);
        if (url == null) {
            url = base.resolve(path).toURL();
            if (urls.size() < MAX_URLS) {
                urls.put(path, url);
            }
        }
        return url;
    }

    private static final int MAX_URLS = 10_000;
    private final java.util.concurrent.ConcurrentHashMap<String, URL> urls = new java.util.concurrent.ConcurrentHashMap<>();

    private Answer exchange(String token, String method, String contentType, byte[] body) {
        HttpURLConnection connection = null;
        // once the request is handed over, a failure to read the answer leaves open whether Telegram acted on it
        boolean handedOver = false;
        try {
            connection = (HttpURLConnection) url(token, method).openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setDoOutput(true);
            // no streaming mode: a buffered body lets a 401 (revoked token) be read like any other answer
            connection.setRequestProperty("content-type", contentType);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            // the body is buffered until here: this sends the request and waits for the answer
            handedOver = true;
            int status = connection.getResponseCode();
            byte[] response;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                // reading to the end and closing hands the connection back to the keep-alive cache
                response = in == null ? new byte[0] : in.readAllBytes();
            }
            return new Answer(status, response);
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw handedOver
                    ? new TelegramApiException(method, 0, "no answer from Telegram: " + e.getClass().getSimpleName(),
                            OptionalInt.empty(), OptionalLong.empty(), true)
                    : new TelegramApiException(method, 0, "Telegram unreachable: " + e.getClass().getSimpleName(), OptionalInt.empty());
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
