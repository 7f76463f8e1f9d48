package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenRevocationTest extends EmulatorTestBase {

    private static final String UNAUTHORIZED = "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}";

    @Test
    void afterRevocationEveryCallWithTheOldTokenIsUnauthorized() throws Exception {
        EmulatedBot bot = emulator.createBot("revoked_bot", "Revoked Bot");
        EmulatedUser user = emulator.createUser("Oz", "oz", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        String oldToken = bot.token();
        String filePath = api.json(oldToken, "getFile", Map.of("file_id", api.multipart(oldToken, "sendPhoto",
                        Map.of("chat_id", String.valueOf(user.id())), "photo", "p.png", FakeMedia.png())
                .result().path("photo").get(0).path("file_id").asText())).result().path("file_path").asText();

        JsonNode renewed = control.ok("POST", "/control/bots/" + bot.id() + "/revoke-token", null);
        String newToken = renewed.path("token").asText();

        for (String method : new String[] {"getMe", "getUpdates", "getWebhookInfo", "sendMessage", "deleteWebhook"}) {
            BotApiClient.Answer answer = api.json(oldToken, method, Map.of("chat_id", user.id(), "text", "x"));
            assertThat(answer.status()).as(method).isEqualTo(401);
            assertThat(answer.body()).as(method).isEqualTo(BotApiClient.MAPPER.readTree(UNAUTHORIZED));
        }
        HttpResponse<byte[]> download = api.raw("/file/bot" + oldToken + "/" + filePath);
        assertThat(download.statusCode()).isEqualTo(401);
        assertThat(renewed.path("id").asLong()).isEqualTo(bot.id());
        assertThat(newToken).startsWith(bot.id() + ":").isNotEqualTo(oldToken);
        assertThat(api.get(newToken, "getMe").result().path("username").asText()).isEqualTo("revoked_bot");
        assertThat(api.json(newToken, "sendMessage", Map.of("chat_id", user.id(), "text", "still me")).status())
                .isEqualTo(200);
        assertThat(api.raw("/file/bot" + newToken + "/" + filePath).statusCode()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).hasSize(2);
    }

    @Test
    void revokingAnUnknownBotIsABadControlRequest() {
        assertThat(control.call("POST", "/control/bots/12345/revoke-token", null).status()).isEqualTo(400);
    }
}
