package io.botfleet.lambda.webhook;

import io.botfleet.shared.json.JsonObjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;

/**
 * What the webhook reads of the Lambda function URL's event (payload 2.0; API Gateway's HTTP API sends the same
 * fields), parsed once at the boundary. A function URL has no routes and no path parameters: the bot comes from
 * {@code rawPath} {@code /telegram/<botId>}, and any other path or method is refused before the service sees it.
 */
record WebhookRequest(String method, Optional<String> botId, String secret, String sourceIp, byte[] body) {
    static final String SECRET_HEADER = "x-telegram-bot-api-secret-token";
    /** Telegram's bot ids are positive integers; the path is the caller's choice, so nothing else is a bot. */
    private static final Pattern PATH = Pattern.compile("/telegram/([0-9]{1,20})");

    static WebhookRequest parse(JSONObject event) {
        JSONObject http = JsonObjects.object(JsonObjects.object(event, "requestContext"), "http");
        Matcher path = PATH.matcher(JsonObjects.text(event, "rawPath").orElse(""));
        String body = JsonObjects.text(event, "body").orElse("");
        return new WebhookRequest(
                JsonObjects.text(http, "method").orElse(""),
                path.matches() ? Optional.of(path.group(1)) : Optional.empty(),
                header(JsonObjects.object(event, "headers"), SECRET_HEADER),
                JsonObjects.text(http, "sourceIp").orElse(""),
                event.optBoolean("isBase64Encoded", false)
                        ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8));
    }

    boolean isPost() {
        return method.equals("POST");
    }

    /** Payload 2.0 lower-cases header names; matched without case all the same, as HTTP names are. */
    private static String header(JSONObject headers, String name) {
        Optional<String> exact = JsonObjects.text(headers, name);
        if (exact.isPresent()) {
            return exact.get();
        }
        for (String key : headers.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return JsonObjects.text(headers, key).orElse(null);
            }
        }
        return null;
    }
}
