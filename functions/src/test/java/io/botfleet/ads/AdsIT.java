package io.botfleet.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.bots.BotTestKit;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.emulators.FreePort;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.ReceivedMessage;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.UpdateLedger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ads on the local stack, end to end through the deployed functions: orders through the API function, the campaign
 * planned and sent by the planner and sender functions from their queues, links tapped through the template's
 * {@code GET /r/{code}} route to the redirect function, and an ad's callback button pressed by a simulated user,
 * whose update reaches the webhook function — each with its own IAM role.
 */
@LocalAws
class AdsIT {
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final AtomicLong UPDATES = new AtomicLong(1);
    static TelegramEmulator telegram;
    static LocalAwsStack aws;
    static LocalDeployment deployment;
    static ApiHarness api;
    static ApiHarness.Session owner;
    static String advertiserId;
    static int seq;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
        int port = FreePort.pick();
        // the public URL is the local HTTP API's: webhooks and redirect links lead there
        Map<String, String> overrides = Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        api = ApiHarness.start(stack, overrides);
        owner = api.setupOwner();
        deployment = LocalDeployment.start(stack, stack.lambda(), new LocalDeployment.Options(overrides, port, null, true));
        advertiserId = api.call("POST", "/api/advertisers").as(owner).json(Map.of("name", "Acme", "contactEmail", "ads@acme.example"))
                .send().expect(201).json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        deployment.close();
        telegram.close();
    }

    @Test
    void aSpentBudgetStopsDeliveryAtTheNextBatchAndTheAdminSeesWhy() {
        EmulatedBot bot = registeredBot();
        subscribe(bot, 350);
        // CPM of 1,000 cents = 1 cent a message; a budget of 150 cents is spent after 150 messages
        String campaignId = campaign(bot, Map.of("text", "Spring sale", "parseMode", "none"));
        JsonNode order = order(campaignId, "cpm", 1000, 150L);
        assertThat(order.path("budget").asLong()).isEqualTo(150);
        api.call("POST", "/api/campaigns/" + campaignId + "/start").as(owner).send().expect(200);

        await().atMost(PATIENCE).until(() -> progress(campaignId).path("status").asText().equals("paused"));
        JsonNode progress = progress(campaignId);
        assertThat(progress.path("statusReason").asText()).isEqualTo("budget reached");
        long sent = progress.path("sent").asLong();
        // delivery went on while under the budget and stopped within one batch (100 messages, 100 cents) past it
        assertThat(sent).isBetween(150L, 250L);
        assertThat(telegram.totalMessagesSent(bot.id())).isEqualTo((int) sent);
        JsonNode shown = api.call("GET", "/api/ads/" + campaignId).as(owner).send().expect(200).json();
        assertThat(shown.path("delivered").asLong()).isEqualTo(sent);
        assertThat(shown.path("spend").asLong()).isEqualTo(sent);
        assertThat(shown.path("statusReason").asText()).isEqualTo("budget reached");
    }

    @Test
    void tappedLinksAndPressedButtonsCountAsClicksUniquePerRecipientAndLink() throws Exception {
        EmulatedBot bot = registeredBot();
        long alice = telegram.createUser("Alice", "alice_ads" + seq, "en").id();
        long bob = telegram.createUser("Bob", "bob_ads" + seq, "en").id();
        subscribe(bot, List.of(alice, bob));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("text", "Spring sale: <a href=\"https://shop.example/spring\">20% off</a> this week");
        content.put("parseMode", "html");
        content.put("keyboard", List.of(List.of(Map.of("text", "Shop now", "url", "https://shop.example/buy?from=bot"),
                Map.of("text", "Remind me", "callbackData", "remind"))));
        String campaignId = campaign(bot, content);
        order(campaignId, "cpc", 25, null);
        api.call("POST", "/api/campaigns/" + campaignId + "/start").as(owner).send().expect(200);
        await().atMost(PATIENCE).until(() -> progress(campaignId).path("status").asText().equals("completed"));

        ReceivedMessage toAlice = telegram.messagesReceivedBy(bot.id(), alice).getFirst();
        ReceivedMessage toBob = telegram.messagesReceivedBy(bot.id(), bob).getFirst();
        // what Telegram shows is the text as written, its link and buttons pointing at the platform
        assertThat(toAlice.text()).isEqualTo("Spring sale: 20% off this week");
        String aliceLink = String.valueOf(toAlice.entities().getFirst().get("url"));
        String aliceButton = button(toAlice, 0).get("url").toString();
        String aliceCallback = button(toAlice, 1).get("callback_data").toString();
        assertThat(aliceButton).startsWith(deployment.api().baseUrl() + "/r/").isNotEqualTo(button(toBob, 0).get("url"));

        assertThat(tap(aliceButton)).isEqualTo("https://shop.example/buy?from=bot");
        assertThat(tap(aliceButton)).isEqualTo("https://shop.example/buy?from=bot");
        assertThat(tap(aliceLink)).isEqualTo("https://shop.example/spring");
        assertThat(tap(button(toBob, 0).get("url").toString())).isEqualTo("https://shop.example/buy?from=bot");
        telegram.userPressesButton(bot.id(), alice, toAlice.messageId(), aliceCallback);

        // a code changed in its last character, or in its chat, leads nowhere and counts nothing
        String tampered = aliceButton.substring(0, aliceButton.length() - 1) + (aliceButton.endsWith("A") ? "B" : "A");
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("location")).isEmpty();

        await().atMost(PATIENCE).until(() -> report(campaignId).path("total").path("totalClicks").asLong() == 5);
        JsonNode total = report(campaignId).path("total");
        // alice: the button twice, the text link, the callback button; bob: the button
        assertThat(total.path("uniqueClicks").asLong()).isEqualTo(4);
        assertThat(total.path("delivered").asLong()).isEqualTo(2);
        assertThat(total.path("ctr").asDouble()).isEqualTo(2.0);
        assertThat(total.path("spend").asLong()).isEqualTo(4 * 25);
        JsonNode days = report(campaignId).path("days");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).path("delivered").asLong()).isEqualTo(2);
        String csv = api.call("GET", "/api/ads/" + campaignId + "/report.csv").as(owner).send().expect(200).text();
        assertThat(csv).startsWith("day,delivered,blocked,unique_clicks,total_clicks,ctr,spend_minor_units,currency\r\n")
                .contains("total,2,0,4,5,2.0,100,USD\r\n");
    }

    private static Map<String, Object> button(ReceivedMessage m, int index) {
        @SuppressWarnings("unchecked")
        List<List<Map<String, Object>>> rows = (List<List<Map<String, Object>>>) m.replyMarkup().get("inline_keyboard");
        return rows.getFirst().get(index);
    }

    /** Opens a link as a browser would, without following the redirect: where it leads. */
    private static String tap(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("location").orElseThrow();
    }

    private static EmulatedBot registeredBot() {
        EmulatedBot bot = telegram.createBot("ads" + (++seq) + "_bot", "Ads " + seq);
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
        return bot;
    }

    private static String campaign(EmulatedBot bot, Map<String, Object> content) {
        return api.call("POST", "/api/bots/" + bot.id() + "/campaigns").as(owner)
                .json(Map.of("name", "Ad " + seq, "content", content)).send().expect(201).json().path("id").asText();
    }

    private static JsonNode order(String campaignId, String model, long price, Long budget) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", campaignId);
        body.put("advertiserId", advertiserId);
        body.put("pricingModel", model);
        body.put("price", price);
        body.put("currency", "USD");
        if (budget != null) {
            body.put("budget", budget);
        }
        return api.call("POST", "/api/ads").as(owner).json(body).send().expect(201).json();
    }

    private static JsonNode progress(String campaignId) {
        return api.call("GET", "/api/campaigns/" + campaignId + "/progress").as(owner).send().expect(200).json();
    }

    private static JsonNode report(String campaignId) {
        return api.call("GET", "/api/ads/" + campaignId + "/report").as(owner).send().expect(200).json();
    }

    private static void subscribe(EmulatedBot bot, int count) {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(telegram.createUser("User" + i, "ads_user" + seq + "_" + i, "en").id());
        }
        subscribe(bot, users);
    }

    /** Active subscribers as the webhook records them on /start. */
    private static void subscribe(EmulatedBot bot, List<Long> users) {
        String botId = Long.toString(bot.id());
        BotsModule bots = BotTestKit.module(BotTestKit.env(aws, "ApiFunction", "http://127.0.0.1:1", telegram.baseUrl(),
                "primary", Map.of()));
        var ledger = new DynamoUpdateLedger(aws.clients().dynamoDb(), aws.resource("BotsTable").ref(),
                aws.resource("SubscribersTable").ref(), aws.resource("EphemeralTable").ref());
        var fence = bots.ownership().current(botId).orElseThrow().fence();
        for (long user : users) {
            ledger.record(new UpdateLedger.UpdateRecord(botId, UPDATES.getAndIncrement(), fence,
                    Optional.of(new UpdateLedger.Contact(Long.toString(user), "private", "User", null, "en")),
                    Optional.of(Subscriber.ACTIVE), Optional.empty(), Instant.now()));
        }
    }
}
