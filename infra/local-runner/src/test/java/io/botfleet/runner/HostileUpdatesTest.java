package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.bots.WebhookSecrets;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole product after hostile webhook traffic: updates no client would send (lone surrogates, ids that are not
 * numbers or do not fit, wrong types, missing and unknown fields, huge strings, junk) reach the deployed webhook
 * through API Gateway with the bot's secret, as if Telegram relayed them. Each is answered 2xx (processed or parked),
 * none holds up the updates behind it, and a campaign started afterwards reaches every real subscriber once.
 */
class HostileUpdatesTest extends OnLocalRunner {
    /** Each a body Telegram could relay; JSON written by hand so escapes arrive exactly as written. */
    static final List<String> HOSTILE = List.of(
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":{\"id\":9001,\"type\":\"private\",\"first_name\":\"a\\ud800\"},"
                    + "\"from\":{\"id\":9001,\"first_name\":\"a\\ud800\"},\"text\":\"/start\"}}",
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":{\"id\":\"abc\",\"type\":\"private\"},\"text\":\"/start\"}}",
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":{\"id\":1e30,\"type\":\"private\"},\"text\":\"/start\"}}",
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":{\"id\":123456789012345678901234567890,\"type\":\"private\"},\"text\":\"hi\"}}",
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":[],\"text\":{}}}",
            "{\"update_id\":%d,\"message\":{}}",
            "{\"update_id\":%d}",
            "{\"update_id\":%d,\"message_reaction\":{\"chat\":{\"id\":9002}}}",
            "{\"update_id\":%d,\"my_chat_member\":{\"chat\":{\"id\":9003,\"type\":\"private\"},\"new_chat_member\":{\"status\":7}}}",
            "{\"update_id\":%d,\"callback_query\":{\"id\":null,\"data\":\"\\u0000\\u0007\",\"from\":\"x\"}}",
            "{\"update_id\":%d,\"message\":{\"message_id\":1,\"chat\":{\"id\":9004,\"type\":\"private\",\"first_name\":\"" + "x".repeat(200_000)
                    + "\"},\"text\":\"/start\"}}",
            "{\"update_id\":%d,\"message\":" + "[".repeat(500) + "]".repeat(500) + "}",
            "not json at all %d",
            "{\"update_id\":\"%d\",\"message\":null}");

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hostileUpdatesAreAnsweredAndACampaignAfterwardsReachesEveryone() throws Exception {
        EmulatedBot bot = runner.telegram().createBot("hostile_bot", "Hostile");
        assertThat(api.post("/api/bots", Map.of("token", bot.token())).status()).isEqualTo(201);
        String botId = Long.toString(bot.id());
        long epoch = api.get("/api/bots/" + botId).body().path("owner").path("epoch").asLong();
        String secret = new WebhookSecrets(() -> runner.platformKeys().webhookSecretKey()).secretFor(botId, epoch);

        long updateId = 8_000_000_000L;
        for (String template : HOSTILE) {
            String body = String.format(template, updateId++);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(runner.webhookUrl().resolve("telegram/" + botId))
                    .header("content-type", "application/json").header("x-telegram-bot-api-secret-token", secret)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%.200s", body).isBetween(200, 299);
        }
        JsonNode parked = api.get("/api/bots/" + botId + "/parked-updates").body();
        assertThat(parked.path("items").size()).as(parked.toString()).isGreaterThanOrEqualTo(5);

        // real people behind the hostile traffic: Telegram delivers their /start, they subscribe, a campaign reaches them
        List<EmulatedUser> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EmulatedUser user = runner.telegram().createUser("Real" + i, "real" + i, "en");
            runner.telegram().userSendsStart(bot.id(), user.id(), null);
            people.add(user);
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/bots/" + botId + "/subscribers?status=active").body().path("items").size() >= people.size());

        String campaignId = api.post("/api/bots/" + botId + "/campaigns", Map.of("name", "After the storm",
                "content", Map.of("text", "After the storm", "parseMode", "none"))).body().path("id").asText();
        assertThat(api.post("/api/campaigns/" + campaignId + "/start", Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "completed".equals(api.get("/api/campaigns/" + campaignId).body().path("status").asText()));
        for (EmulatedUser person : people) {
            assertThat(runner.telegram().messagesReceivedBy(bot.id(), person.id()).stream()
                    .filter(m -> "After the storm".equals(m.text()))).as(person.firstName()).hasSize(1);
        }
    }
}
