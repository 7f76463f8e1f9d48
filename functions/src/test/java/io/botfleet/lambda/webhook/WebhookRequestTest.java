package io.botfleet.lambda.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.json.JsonObjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The function URL's event becomes the webhook's request once: the bot from rawPath, the secret, the source, the body. */
class WebhookRequestTest {

    private static JSONObject event(String method, String rawPath, String headers, String body, boolean base64) throws Exception {
        return JsonObjects.parse("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + rawPath + "\",\"headers\":" + headers
                + ",\"requestContext\":{\"accountId\":\"anonymous\",\"http\":{\"method\":\"" + method + "\",\"sourceIp\":\"149.154.167.220\"}},"
                + "\"body\":\"" + body + "\",\"isBase64Encoded\":" + base64 + "}");
    }

    @Test
    void theBotComesFromThePathAndTheSecretFromItsHeaderInAnyCase() throws Exception {
        WebhookRequest request = WebhookRequest.parse(event("POST", "/telegram/123456789",
                "{\"X-Telegram-Bot-Api-Secret-Token\":\"s3cret\"}", "{}", false));

        assertThat(request.botId()).contains("123456789");
        assertThat(request.secret()).isEqualTo("s3cret");
        assertThat(request.sourceIp()).isEqualTo("149.154.167.220");
        assertThat(request.isPost()).isTrue();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void aPathThatNamesNoTelegramBotNamesNone() throws Exception {
        for (String path : new String[] {"/", "/telegram/", "/telegram/abc", "/telegram/1/2", "/api/bots", "/telegram/-5",
                "/telegram/123456789012345678901"}) {
            assertThat(WebhookRequest.parse(event("POST", path, "{}", "", false)).botId()).as(path).isEmpty();
        }
    }

    @Test
    void aBase64BodyIsDecodedAndAMissingSecretIsNone() throws Exception {
        String body = Base64.getEncoder().encodeToString("{\"update_id\":1}".getBytes(StandardCharsets.UTF_8));
        WebhookRequest request = WebhookRequest.parse(event("GET", "/telegram/1", "{}", body, true));

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"update_id\":1}");
        assertThat(request.secret()).isNull();
        assertThat(request.isPost()).isFalse();
    }
}
