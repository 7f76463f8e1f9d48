package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.local.junit.LogCapture;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.ReceivedMessage;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The product end to end on the local stack: an owner signs in, registers a bot, people subscribe through the
 * webhook, a campaign goes to every active subscriber exactly once, and progress and deliveries say so.
 */
class BroadcastEndToEndTest extends OnLocalRunner {
    @Test
    void aCampaignReachesEveryActiveSubscriberOnceAndTheTokenNeverShows() {
        EmulatedBot bot = runner.telegram().createBot("e2e_shop_bot", "Shop");
        String everything;
        try (LogCapture capture = new LogCapture()) {
            registerSubscribeAndBroadcast(bot);
            everything = capture.text();
        }
        // every log line and everything printed during registration, webhook traffic and the broadcast
        assertThat(everything).isNotBlank().doesNotContain(bot.token());
    }

    private void registerSubscribeAndBroadcast(EmulatedBot bot) {
        TelegramEmulator telegram = runner.telegram();
        ApiClient.Response registered = api.post("/api/bots", Map.of("token", bot.token()));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(registered.raw().body()).doesNotContain(bot.token());
        String botId = Long.toString(bot.id());

        List<EmulatedUser> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EmulatedUser user = telegram.createUser("Person" + i, "person" + i, i % 2 == 0 ? "en" : "de");
            telegram.userSendsStart(bot.id(), user.id(), i < 6 ? "promo" : null);
            people.add(user);
        }
        EmulatedUser leaver = people.get(11);
        await().atMost(Duration.ofSeconds(60)).until(() -> activeSubscribers(botId) == 12);
        telegram.userBlocksBot(bot.id(), leaver.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> activeSubscribers(botId) == 11);

        ApiClient.Response created = api.post("/api/bots/" + botId + "/campaigns", Map.of(
                "name", "Spring sale",
                "content", Map.of("text", "<b>Spring sale</b> starts now", "parseMode", "html",
                        "keyboard", List.of(List.of(Map.of("text", "Shop", "url", "https://example.com/shop"))))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String campaignId = created.body().path("id").asText();

        // a second editor working from an old version loses, visibly
        ApiClient.Response edit = api.put("/api/campaigns/" + campaignId, Map.of("name", "Spring sale!",
                "content", Map.of("text", "<b>Spring sale</b> starts now!", "parseMode", "html")), "\"v1\"");
        assertThat(edit.status()).isEqualTo(200);
        ApiClient.Response stale = api.put("/api/campaigns/" + campaignId, Map.of("name", "Old",
                "content", Map.of("text", "old", "parseMode", "none")), "\"v1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().path("code").asText()).isEqualTo("VERSION_CONFLICT");

        assertThat(api.post("/api/campaigns/" + campaignId + "/start", Map.of()).status()).isEqualTo(200);
        // a double click does not start it twice
        assertThat(api.post("/api/campaigns/" + campaignId + "/start", Map.of()).status()).isEqualTo(409);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                "completed".equals(api.get("/api/campaigns/" + campaignId).body().path("status").asText()));
        JsonNode progress = api.get("/api/campaigns/" + campaignId + "/progress").body();
        assertThat(progress.path("audienceSize").asLong()).isEqualTo(11);
        assertThat(progress.path("sent").asLong()).isEqualTo(11);
        assertThat(progress.path("queued").asLong()).isZero();

        for (EmulatedUser person : people) {
            List<ReceivedMessage> received = telegram.messagesReceivedBy(bot.id(), person.id()).stream()
                    .filter(m -> m.text() != null && m.text().startsWith("Spring sale")).toList();
            assertThat(received).as(person.firstName()).hasSize(person.equals(leaver) ? 0 : 1);
        }
        JsonNode deliveries = api.get("/api/campaigns/" + campaignId + "/deliveries").body();
        assertThat(deliveries.path("items")).hasSize(11);
        deliveries.path("items").forEach(row -> {
            assertThat(row.path("outcome").asText()).isEqualTo("sent");
            assertThat(row.path("messageId").asLong()).isPositive();
        });
    }

    @Test
    void aDeletedAccountLeavesTheAudienceAndARevokedTokenPausesTheCampaignUntilTheTokenIsReplaced() {
        TelegramEmulator telegram = runner.telegram();
        EmulatedBot bot = telegram.createBot("e2e_refusals_bot", "Refusals");
        assertThat(api.post("/api/bots", Map.of("token", bot.token())).status()).isEqualTo(201);
        String botId = Long.toString(bot.id());
        List<EmulatedUser> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EmulatedUser user = telegram.createUser("Reader" + i, "reader" + i, "en");
            telegram.userSendsStart(bot.id(), user.id(), null);
            people.add(user);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> activeSubscribers(botId) == 4);
        EmulatedUser gone = people.getLast();
        telegram.deactivateUser(gone.id());

        String first = startCampaign(botId, "News one");
        awaitStatus(first, "completed");
        JsonNode progress = api.get("/api/campaigns/" + first + "/progress").body();
        assertThat(progress.path("sent").asLong()).isEqualTo(3);
        assertThat(progress.path("deactivated").asLong()).isEqualTo(1);
        assertThat(progress.path("blocked").asLong()).isZero();
        JsonNode deactivated = api.get("/api/bots/" + botId + "/subscribers?status=deactivated").body();
        assertThat(deactivated.path("items")).hasSize(1);
        assertThat(deactivated.path("items").get(0).path("chatId").asText()).isEqualTo(Long.toString(gone.id()));
        assertThat(deactivated.path("counts").path("deactivated").asLong()).isEqualTo(1);
        assertThat(deactivated.path("counts").path("active").asLong()).isEqualTo(3);
        JsonNode rows = api.get("/api/campaigns/" + first + "/deliveries").body().path("items");
        assertThat(rows.findValuesAsText("error")).containsExactly("403 Forbidden: user is deactivated");

        // the owner revokes the token in BotFather; the next campaign stops at Telegram's first 401
        EmulatedBot renewed = telegram.revokeToken(bot.id());
        String second = startCampaign(botId, "News two");
        awaitStatus(second, "paused");
        assertThat(api.get("/api/campaigns/" + second).body().path("statusReason").asText()).isEqualTo("token revoked");
        JsonNode flagged = api.get("/api/bots/" + botId).body();
        assertThat(flagged.path("tokenRevoked").asBoolean()).isTrue();
        assertThat(flagged.path("tokenRevokedAt").asText()).isNotEmpty();
        assertThat(api.get("/api/campaigns/" + second + "/progress").body().path("failed").path("other").asLong()).isZero();

        // a new token, a resume: the three readers get it once, the deleted account is not tried again
        ApiClient.Response rotated = api.post("/api/bots/" + botId + "/token", Map.of("token", renewed.token()));
        assertThat(rotated.status()).as(rotated.body().toString()).isEqualTo(200);
        assertThat(api.get("/api/bots/" + botId).body().path("tokenRevoked").asBoolean()).isFalse();
        assertThat(api.post("/api/campaigns/" + second + "/resume", Map.of()).status()).isEqualTo(200);
        awaitStatus(second, "completed");
        assertThat(api.get("/api/campaigns/" + second).body().path("statusReason").isNull()).isTrue();
        for (EmulatedUser person : people) {
            long got = telegram.messagesReceivedBy(bot.id(), person.id()).stream()
                    .filter(m -> "News two".equals(m.text())).count();
            assertThat(got).as(person.firstName()).isEqualTo(person.equals(gone) ? 0 : 1);
        }
        assertThat(api.get("/api/campaigns/" + second + "/progress").body().path("sent").asLong()).isEqualTo(3);
    }

    private static String startCampaign(String botId, String text) {
        ApiClient.Response created = api.post("/api/bots/" + botId + "/campaigns", Map.of(
                "name", text, "content", Map.of("text", text, "parseMode", "none")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String campaignId = created.body().path("id").asText();
        assertThat(api.post("/api/campaigns/" + campaignId + "/start", Map.of()).status()).isEqualTo(200);
        return campaignId;
    }

    private static void awaitStatus(String campaignId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                status.equals(api.get("/api/campaigns/" + campaignId).body().path("status").asText()));
    }

    @Test
    void invalidContentIsRejectedFieldByFieldAndNothingIsStored() {
        EmulatedBot bot = runner.telegram().createBot("e2e_invalid_bot", "Invalid");
        assertThat(api.post("/api/bots", Map.of("token", bot.token())).status()).isEqualTo(201);
        String botId = Long.toString(bot.id());
        ApiClient.Response response = api.post("/api/bots/" + botId + "/campaigns", Map.of(
                "name", "Broken",
                "content", Map.of("text", "x".repeat(4097), "parseMode", "none",
                        "keyboard", List.of(List.of(Map.of("text", "Go", "callbackData", "д".repeat(33)))))));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").toString())
                .contains("content.text").contains("TEXT_TOO_LONG")
                .contains("content.keyboard[0][0].callbackData").contains("CALLBACK_DATA_TOO_LONG");
        assertThat(api.get("/api/bots/" + botId + "/campaigns").body().path("items")).isEmpty();
    }

    @Test
    void aPaidCampaignGoesThroughThePaidSenderWithAllowPaidBroadcast() {
        TelegramEmulator telegram = runner.telegram();
        EmulatedBot bot = telegram.createBot("e2e_paid_bot", "Paid");
        assertThat(api.post("/api/bots", Map.of("token", bot.token())).status()).isEqualTo(201);
        String botId = Long.toString(bot.id());
        ApiClient.Response patched = api.patch("/api/bots/" + botId, Map.of("paidBroadcast", true));
        assertThat(patched.status()).as(patched.body().toString()).isEqualTo(200);
        EmulatedUser user = telegram.createUser("Payer", "payer", "en");
        telegram.userSendsStart(bot.id(), user.id(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> activeSubscribers(botId) == 1);

        ApiClient.Response created = api.post("/api/bots/" + botId + "/campaigns", Map.of(
                "name", "Flash sale", "paid", true, "content", Map.of("text", "Flash sale!", "parseMode", "none")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String campaignId = created.body().path("id").asText();
        assertThat(api.post("/api/campaigns/" + campaignId + "/start", Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "completed".equals(api.get("/api/campaigns/" + campaignId).body().path("status").asText()));
        List<ReceivedMessage> received = telegram.messagesReceivedBy(bot.id(), user.id()).stream()
                .filter(m -> "Flash sale!".equals(m.text())).toList();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().allowPaidBroadcast()).isTrue();
    }

    @Test
    void aBatchThatKeepsFailingLandsInTheDeadLetterQueueAndCanBeRedriven() {
        var sqs = runner.aws().clients().sqs();
        String queue = runner.aws().resource("SendQueue").ref();
        String dlq = runner.aws().resource("SendDlq").ref();
        // redelivery in a second instead of the template's twelve minutes (restored after)
        setVisibility(sqs, queue, "1");
        try {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\":\"a send batch\"}")
                    .messageGroupId("poison").messageDeduplicationId("poison-1"));
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting("send") == 1);
            JsonNode dead = api.get("/api/ops/dead-letters/send").body().path("items");
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).path("reason").asText()).startsWith("not a send batch");

            ApiClient.Response redriven = api.post("/api/ops/dead-letters/send/redrive", Map.of());
            assertThat(redriven.status()).isEqualTo(200);
            assertThat(redriven.body().path("redriven").asInt()).isEqualTo(1);
            assertThat(waiting("send")).isZero();
            // back in the send queue, failing again: it returns to the DLQ after maxReceiveCount, never vanishes
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting("send") == 1);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(1)).messages())
                    .extracting(m -> m.body()).containsExactly("{\"not\":\"a send batch\"}");
        } finally {
            setVisibility(sqs, queue, "720");
        }
    }

    private static void setVisibility(software.amazon.awssdk.services.sqs.SqsClient sqs, String queue, String seconds) {
        sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.VISIBILITY_TIMEOUT, seconds)));
    }

    private static long waiting(String queue) {
        for (JsonNode q : api.get("/api/ops/dead-letters").body().path("queues")) {
            if (q.path("queue").asText().equals(queue)) {
                return q.path("waiting").asLong();
            }
        }
        throw new AssertionError("no queue " + queue);
    }

    private static long activeSubscribers(String botId) {
        JsonNode page = api.get("/api/bots/" + botId + "/subscribers?status=active&limit=100").body();
        return page.path("items").size();
    }
}
