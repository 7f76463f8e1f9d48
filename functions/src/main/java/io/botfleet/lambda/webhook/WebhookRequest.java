package io.botfleet.lambda.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the webhook reads of the Lambda function URL's event (payload 2.0; API Gateway's HTTP API sends the same
 * fields), parsed once at the boundary. A function URL has no routes and no path parameters: the bot comes from
 * {@code rawPath} {@code /telegram/<botId>}, and any other path or method is refused before the service sees it.
 */
record WebhookRequest(String method, Optional<String> botId, String secret, String sourceIp, byte[] body) {
    static final String SECRET_HEADER = "x-telegram-bot-api-secret-token";
    /** Telegram's bot ids are positive integers; the path is the caller's choice, so nothing else is a bot. */
    private static final Pattern PATH = Pattern.compile("/telegram/([0-9]{1,20})");

    static WebhookRequest parse(JsonNode event) {
        JsonNode http = event.path("requestContext").path("http");
        Matcher path = PATH.matcher(event.path("rawPath").asText(""));
        String body = event.path("body").asText("");
        return new WebhookRequest(
                http.path("method").asText(""),
                path.matches() ? Optional.of(path.group(1)) : Optional.empty(),
                header(event.path("headers"), SECRET_HEADER),
                http.path("sourceIp").asText(""),
                event.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
    }

    boolean isPost() {
        return method.equals("POST");
    }

    /** Payload 2.0 lower-cases header names; matched without case all the same, as HTTP names are. */
    private static String header(JsonNode headers, String name) {
        JsonNode exact = headers.get(name);
        if (exact != null) {
            return exact.asText();
        }
        Iterator<Map.Entry<String, JsonNode>> fields = headers.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue().asText();
            }
        }
        return null;
    }
}
