package io.botfleet.analytics;

import static io.botfleet.bots.BotTestKit.call;
import static io.botfleet.bots.BotTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/bots/{botId}/stats} on the deployed API over counters the aggregator wrote. */
@LocalAws
class StatsApiIT {
    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    static TelegramEmulator telegram;
    static BotTestKit.Caller owner;
    static String botId;

    @BeforeAll
    static void seed(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        var module = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", "http://127.0.0.1:9", telegram.baseUrl(), "primary", Map.of()));
        owner = BotTestKit.owner(stack, "http://127.0.0.1:9", telegram.baseUrl(), "primary");
        EmulatedBot bot = telegram.createBot("stats_bot", "Stats");
        module.registry().register(bot.token(), "test");
        botId = Long.toString(bot.id());
        var store = new DynamoStatsStore(stack.clients().dynamoDb(), stack.resource("StatsTable").ref(), Duration.ofDays(90), Optional.empty());
        var aggregator = new StatsAggregator(store);
        aggregator.aggregate(List.of(new StatsAggregator.Delivery("m1", List.of(
                new StatsEvent(botId + ":1:message.received", Metric.MESSAGES_RECEIVED, botId, "11", DAY.plus(Duration.ofHours(9)), 1),
                new StatsEvent(botId + ":2:message.received", Metric.MESSAGES_RECEIVED, botId, "12", DAY.plus(Duration.ofHours(11)), 2),
                new StatsEvent(botId + ":3:subscriber.joined", Metric.SUBSCRIBERS_JOINED, botId, "12", DAY.plus(Duration.ofHours(11)), 3)))));
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    private static HttpResponse stats(BotTestKit.Caller caller, Map<String, String> query, Map<String, String> headers) {
        return call(caller, "GET", "/api/bots/" + botId + "/stats", query, null, headers);
    }

    @Test
    void aShortRangeIsHourlyAndZeroFilled() {
        HttpResponse response = stats(owner, Map.of("metric", "messages.received", "from", "2026-11-30T08:00:00Z",
                "to", "2026-11-30T12:00:00Z"), Map.of());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("granularity").asText()).isEqualTo("hour");
        assertThat(body.path("points").findValuesAsText("value")).containsExactly("0", "1", "0", "1");
    }

    @Test
    void aLongRangeIsDailyAndCsvOnRequest() {
        HttpResponse response = stats(owner, Map.of("metric", "users.active", "from", "2026-11-29T00:00:00Z",
                "to", "2026-12-01T00:00:00Z"), Map.of("accept", "text/csv"));
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).startsWith("text/csv");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("bucket,users.active\r\n2026-11-29T00:00:00Z,0\r\n2026-11-30T00:00:00Z,2\r\n");
        HttpResponse net = stats(owner, Map.of("metric", "subscribers.net", "from", "2026-11-27T00:00:00Z",
                "to", "2026-12-01T00:00:00Z", "format", "csv"), Map.of());
        assertThat(new String(net.body(), StandardCharsets.UTF_8)).endsWith("2026-11-30T00:00:00Z,1\r\n");
    }

    @Test
    void badParametersAre422NamingTheField() {
        assertThat(json(stats(owner, Map.of("metric", "nope"), Map.of())).path("errors").findValuesAsText("field")).containsExactly("metric");
        assertThat(json(stats(owner, Map.of("metric", "messages.received", "from", "2026-11-30T00:00:00Z", "to", "2026-11-30T00:00:00Z"),
                Map.of())).path("errors").findValuesAsText("field")).containsExactly("from");
        HttpResponse tooLong = stats(owner, Map.of("metric", "messages.received", "from", "2024-01-01T00:00:00Z", "to", "2026-11-30T00:00:00Z"), Map.of());
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(json(tooLong).path("errors").findValuesAsText("field")).containsExactly("to");
    }

    @Test
    void analystsReadStatsOfTheirBotsOnly() {
        ApiHarness harness = owner.harness();
        ApiHarness.Session ownerSession = owner.session();
        var analyst = new BotTestKit.Caller(harness, harness.createUser(ownerSession, "analyst", List.of(botId)));
        assertThat(stats(analyst, Map.of("metric", "messages.received"), Map.of()).status()).isEqualTo(200);
        var elsewhere = new BotTestKit.Caller(harness, harness.createUser(ownerSession, "analyst", List.of("999")));
        assertThat(stats(elsewhere, Map.of("metric", "messages.received"), Map.of()).status()).isEqualTo(403);
    }

    @Test
    void theCsvFileRouteServesTheSameSeries() {
        HttpResponse response = call(owner, "GET", "/api/bots/" + botId + "/stats.csv", Map.of("metric", "messages.received",
                "from", "2026-11-30T08:00:00Z", "to", "2026-11-30T12:00:00Z"), null, Map.of());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).startsWith("text/csv");
        assertThat(response.headers().get("content-disposition")).contains("stats-" + botId + "-messages.received.csv");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("bucket,messages.received\r\n"
                + "2026-11-30T08:00:00Z,0\r\n2026-11-30T09:00:00Z,1\r\n2026-11-30T10:00:00Z,0\r\n2026-11-30T11:00:00Z,1\r\n");
        HttpResponse bad = call(owner, "GET", "/api/bots/" + botId + "/stats.csv", Map.of("metric", "nope"), null, Map.of());
        assertThat(json(bad).path("errors").findValuesAsText("field")).containsExactly("metric");
    }

    @Test
    void aDaysSummaryListsEveryVisibleBotWithItsFiguresAndSubscribers() {
        HttpResponse response = call(owner, "GET", "/api/stats/today", Map.of("day", "2026-11-30"), null, Map.of());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("from").asText()).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(body.path("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
        JsonNode bot = body.path("items").get(0);
        assertThat(bot.path("botId").asText()).isEqualTo(botId);
        assertThat(bot.path("username").asText()).isEqualTo("stats_bot");
        JsonNode today = bot.path("today");
        assertThat(today.path("joined").asLong()).isEqualTo(1);
        assertThat(today.path("net").asLong()).isEqualTo(1);
        assertThat(today.path("messagesReceived").asLong()).isEqualTo(2);
        assertThat(today.path("activeUsers").asLong()).isEqualTo(2);
        assertThat(today.path("deliveriesSent").asLong()).isZero();
        assertThat(bot.path("subscribers").path("total").isNumber()).isTrue();
        JsonNode dayBefore = json(call(owner, "GET", "/api/stats/today", Map.of("day", "2026-11-29"), null, Map.of()));
        assertThat(dayBefore.path("items").get(0).path("today").path("messagesReceived").asLong()).isZero();
        HttpResponse bad = call(owner, "GET", "/api/stats/today", Map.of("day", "yesterday"), null, Map.of());
        assertThat(bad.status()).isEqualTo(422);
        assertThat(json(bad).path("errors").findValuesAsText("field")).containsExactly("day");
    }

    @Test
    void aDaysSummaryKeepsToTheCallersBots() {
        ApiHarness harness = owner.harness();
        var elsewhere = new BotTestKit.Caller(harness, harness.createUser(owner.session(), "analyst", List.of("999")));
        HttpResponse response = call(elsewhere, "GET", "/api/stats/today", Map.of(), null, Map.of());
        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(json(response).path("items")).isEmpty();
    }
}
