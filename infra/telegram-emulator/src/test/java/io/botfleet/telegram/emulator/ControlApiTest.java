package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ControlApiTest extends EmulatorTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aDemoCanBeDrivenEntirelyOverHttp() throws Exception {
        JsonNode bot = control("POST", "/control/bots", Map.of("username", "http_bot", "firstName", "Http Bot"));
        long botId = bot.path("id").asLong();
        String token = bot.path("token").asText();
        long userId = control("POST", "/control/users", Map.of("firstName", "Zoe", "username", "zoe", "languageCode", "fr"))
                .path("id").asLong();
        api.json(token, "setWebhook", Map.of("url", receiver.url()));

        control("POST", "/control/bots/" + botId + "/users/" + userId + "/start", Map.of("payload", "ref-1"));
        control("POST", "/control/bots/" + botId + "/users/" + userId + "/send", Map.of("text", "hello"));
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 2);

        long messageId = api.json(token, "sendMessage", Map.of("chat_id", userId, "text", "<i>welcome</i>", "parse_mode", "HTML"))
                .result().path("message_id").asLong();
        control("POST", "/control/bots/" + botId + "/users/" + userId + "/press", Map.of("messageId", messageId, "data", "ok"));
        control("POST", "/control/bots/" + botId + "/users/" + userId + "/block", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 4);

        JsonNode messages = control("GET", "/control/bots/" + botId + "/chats/" + userId + "/messages", null);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("text").asText()).isEqualTo("welcome");
        assertThat(messages.get(0).path("entities").get(0).path("type").asText()).isEqualTo("italic");
        assertThat(receiver.deliveries().get(2).update().has("callback_query")).isTrue();
        assertThat(receiver.deliveries().get(3).update().has("my_chat_member")).isTrue();

        assertThat(api.json(token, "sendMessage", Map.of("chat_id", userId, "text", "x")).status()).isEqualTo(403);
        control("POST", "/control/bots/" + botId + "/users/" + userId + "/unblock", Map.of());
        control("PUT", "/control/bots/" + botId + "/faults", Map.of("forced429Count", 1, "forced429RetryAfterSeconds", 3));
        assertThat(api.json(token, "sendMessage", Map.of("chat_id", userId, "text", "x")).retryAfter()).isEqualTo(3);
        control("PUT", "/control/bots/" + botId + "/limits", Map.of("perChatPerSecond", 50));
        assertThat(api.json(token, "sendMessage", Map.of("chat_id", userId, "text", "y")).status()).isEqualTo(200);

        assertThat(control("GET", "/control/bots/" + botId + "/stats", null).path("totalMessagesSent").asInt()).isEqualTo(2);
        assertThat(control("GET", "/control/bots/" + botId + "/calls", null)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(control("GET", "/control/bots/" + botId + "/webhook", null).path("url").asText()).isEqualTo(receiver.url());
    }

    @Test
    void aBatchOfUsersIsMadeInOneCall() throws Exception {
        JsonNode bot = control("POST", "/control/bots", Map.of("username", "batch_bot"));
        JsonNode ids = control("POST", "/control/users/batch", Map.of("count", 3, "firstName", "Reader")).path("ids");
        assertThat(ids).hasSize(3);
        String token = bot.path("token").asText();
        for (JsonNode id : ids) {
            assertThat(api.json(token, "sendMessage", Map.of("chat_id", id.asLong(), "text", "hi")).status()).isEqualTo(200);
        }
        assertThat(api.json(token, "getChat", Map.of("chat_id", ids.get(2).asLong())).result().path("first_name").asText())
                .isEqualTo("Reader3");
        assertThat(status("POST", "/control/users/batch", Map.of("count", 0, "firstName", "R"))).isEqualTo(400);
    }

    @Test
    void unknownRoutesAre404AndBadInputIs400() throws Exception {
        assertThat(status("GET", "/control/nothing-here", null)).isEqualTo(404);
        assertThat(status("POST", "/control/users", Map.of())).isEqualTo(400);
        assertThat(status("POST", "/control/bots/1/users/2/send", Map.of("text", "hi"))).isEqualTo(400);
    }

    private static JsonNode control(String method, String path, Map<String, ?> body) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(200);
        return BotApiClient.MAPPER.readTree(response.body());
    }

    private static int status(String method, String path, Map<String, ?> body) throws IOException, InterruptedException {
        return exchange(method, path, body).statusCode();
    }

    private static HttpResponse<String> exchange(String method, String path, Map<String, ?> body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(BotApiClient.write(body));
        return HTTP.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
