package io.botfleet.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.OnDeployedPlatform;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Log download and request figures on the deployed API, over what the deployed functions wrote to CloudWatch Logs
 * (moto's, through the local Lambda service): two campaigns planned and sent by the planner and sender functions,
 * then one campaign's lines downloaded; and request counts matching the requests made.
 */
class OpsIT extends OnDeployedPlatform {
    static final ObjectMapper json = new ObjectMapper();

    @Test
    void aCampaignsLogsAreItsLinesFromEveryFunctionAndNoneOfAnotherCampaign() throws Exception {
        EmulatedBot bot = telegram.createBot("logs_bot", "Logs");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
        BotTestKit.subscribe(aws, telegram, botId, 3, "logs");
        String first = sent(botId, "First");
        String second = sent(botId, "Second");
        aws.lambda().flushLogs();

        String text = api.call("GET", "/api/ops/logs").as(owner).query("campaign", first)
                .query("from", Instant.now().minus(Duration.ofMinutes(30)).toString()).query("to", Instant.now().plusSeconds(60).toString())
                .send().expect(200).text();

        List<String> lines = Arrays.asList(text.split("\n"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).contains(first).doesNotContain(second));
        assertThat(lines.stream().map(line -> line.split(" ")[1]).distinct()).contains("api", "planner");

        var ndjson = api.call("GET", "/api/ops/logs").as(owner).query("campaign", second).query("function", "planner")
                .query("format", "ndjson").send().expect(200);
        assertThat(ndjson.header("content-disposition")).isEqualTo("attachment; filename=\"logs-planner-campaign-" + second + "-"
                + ndjson.header("content-disposition").replaceAll(".*-(\\d{4}-[^\"]+)\"", "$1") + "\"");
        assertThat(ndjson.header("content-type")).startsWith("application/x-ndjson");
        List<JsonNode> events = ndjson.text().lines().map(OpsIT::read).toList();
        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("function").asText()).isEqualTo("planner");
            JsonNode message = read(e.path("message").asText());
            assertThat(message.path("campaign_id").asText()).isEqualTo(second);
            assertThat(message.path("bot_id").asText()).isEqualTo(botId);
        });

        var byBot = api.call("GET", "/api/ops/logs").as(owner).query("bot", botId).query("limit", "2").send().expect(200);
        assertThat(byBot.text().lines()).hasSize(2);
        assertThat(byBot.header("x-truncated")).isEqualTo("true");
    }

    @Test
    void requestFiguresCountTheRequestsMadeByRouteTemplate() {
        for (int i = 0; i < 3; i++) {
            api.call("GET", "/api/audit").as(owner).send().expect(200);
        }
        api.call("GET", "/api/media/" + "01ARZ3NDEKTSV4RRFFQ69G5FAV").as(owner).send().expect(404);
        api.call("GET", "/api/media/" + "01ARZ3NDEKTSV4RRFFQ69G5FAW").as(owner).send().expect(404);
        byte[] update = "{\"update_id\":1}".getBytes(StandardCharsets.UTF_8);
        var webhook = aws.lambda().function("WebhookFunction").invoke(HttpApiEvents.functionUrlEvent(
                new HttpApiEvents.Request("POST", "/telegram/999", "", Map.of(), update, "149.154.167.220"), "local"));
        assertThat(webhook.failed()).isFalse();
        aws.lambda().flushLogs();

        JsonNode report = api.call("GET", "/api/ops/requests").as(owner).query("window", "1h").send().expect(200).json();

        assertThat(report.path("window").asText()).isEqualTo("1h");
        assertThat(report.path("truncated").asBoolean()).isFalse();
        assertThat(route(report, "GET /api/audit").path("count").asLong()).isEqualTo(3);
        assertThat(route(report, "GET /api/audit").path("errorRate").asDouble()).isZero();
        assertThat(route(report, "GET /api/media/{mediaId}").path("count").asLong()).isEqualTo(2);
        assertThat(route(report, "GET /api/media/{mediaId}").path("clientErrorRate").asDouble()).isEqualTo(1.0);
        assertThat(route(report, "GET /api/media/{mediaId}").path("p99Ms").asDouble()).isPositive();
        assertThat(route(report, "POST /telegram/{botId}").path("count").asLong()).isEqualTo(1);
        assertThat(report.path("routes").findValuesAsText("route")).noneMatch(r -> r.contains("01ARZ3"));
    }

    @Test
    void badParametersAre422NamingTheField() {
        assertThat(field(api.call("GET", "/api/ops/logs").as(owner).query("from", "2026-11-01T00:00:00Z").query("to", "2026-11-02T00:00:01Z")))
                .isEqualTo("to");
        assertThat(field(api.call("GET", "/api/ops/logs").as(owner).query("function", "nope"))).isEqualTo("function");
        assertThat(field(api.call("GET", "/api/ops/logs").as(owner).query("campaign", "a b"))).isEqualTo("campaign");
        assertThat(field(api.call("GET", "/api/ops/logs").as(owner).query("limit", "10001"))).isEqualTo("limit");
        assertThat(field(api.call("GET", "/api/ops/requests").as(owner).query("window", "7d"))).isEqualTo("window");
    }

    private static String field(ApiHarness.Call call) {
        return call.send().expect(422).json().path("errors").path(0).path("field").asText();
    }

    private static JsonNode route(JsonNode report, String route) {
        return StreamSupport.stream(report.path("routes").spliterator(), false)
                .filter(r -> r.path("route").asText().equals(route)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + route + " in " + report));
    }

    /** A campaign created, started and sent to the bot's subscribers by the planner and sender functions. */
    private static String sent(String botId, String name) {
        String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner)
                .json(Map.of("name", name, "content", Map.of("text", "Hello " + name, "parseMode", "none")))
                .send().expect(201).json().path("id").asText();
        api.call("POST", "/api/campaigns/" + campaignId + "/start").as(owner).send().expect(200);
        await().atMost(PATIENCE).until(() -> api.call("GET", "/api/campaigns/" + campaignId + "/progress").as(owner).send()
                .json().path("status").asText().equals("completed"));
        return campaignId;
    }

    private static JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
