package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookTest extends EmulatorTestBase {

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void updatesArriveInOrderWithTheSecretHeader() {
        EmulatedBot bot = emulator.createBot("hook_bot", "Hook Bot");
        EmulatedUser user = emulator.createUser("Sam", "sam", "en");
        assertThat(api.json(bot.token(), "setWebhook", Map.of("url", receiver.url(), "secret_token", "s3cr3t_-X")).status())
                .isEqualTo(200);

        long startId = emulator.userSendsStart(bot.id(), user.id(), "campaign-7");
        for (int i = 0; i < 20; i++) {
            emulator.userSendsText(bot.id(), user.id(), "message " + i);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 21);
        assertThat(receiver.deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.secretHeader()).isEqualTo("s3cr3t_-X");
            assertThat(delivery.contentType()).startsWith("application/json");
        });
        assertThat(receiver.deliveries()).extracting(d -> d.update().path("update_id").asLong()).isSorted()
                .first().isEqualTo(startId);
        assertThat(receiver.deliveries().get(0).update().path("message").path("text").asText()).isEqualTo("/start campaign-7");
        assertThat(receiver.deliveries().get(0).update().path("message").path("chat").path("id").asLong()).isEqualTo(user.id());
        assertThat(receiver.deliveries().get(20).update().path("message").path("text").asText()).isEqualTo("message 19");
        assertThat(emulator.webhookInfo(bot.id()).pendingUpdateCount()).isZero();
        assertThat(emulator.webhookInfo(bot.id()).hasSecretToken()).isTrue();
    }

    @Test
    void failedDeliveryIsRetriedAndVisibleInWebhookInfo() {
        EmulatedBot bot = emulator.createBot("retry_bot", "Retry Bot");
        EmulatedUser user = emulator.createUser("Tia", "tia", "en");
        receiver.answerWith(update -> new WebhookReceiver.Reply(500, ""));
        api.json(bot.token(), "setWebhook", Map.of("url", receiver.url()));

        emulator.userSendsText(bot.id(), user.id(), "first");
        emulator.userSendsText(bot.id(), user.id(), "second");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() >= 2);
        BotApiClient.Answer info = api.get(bot.token(), "getWebhookInfo");
        assertThat(info.result().path("pending_update_count").asInt()).isEqualTo(2);
        assertThat(info.result().path("last_error_message").asText()).isEqualTo("Wrong response from the webhook: 500 Internal Server Error");
        assertThat(info.result().path("last_error_date").asLong()).isPositive();
        assertThat(receiver.deliveries()).extracting(d -> d.update().path("message").path("text").asText()).containsOnly("first");

        receiver.answerWith(update -> WebhookReceiver.Reply.OK);

        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.webhookInfo(bot.id()).pendingUpdateCount() == 0);
        assertThat(receiver.deliveries()).extracting(d -> d.update().path("message").path("text").asText())
                .endsWith("first", "second");
    }

    @Test
    void unreachableWebhookReportsConnectionRefused() {
        EmulatedBot bot = emulator.createBot("refused_bot", "Refused Bot");
        EmulatedUser user = emulator.createUser("Uma", "uma", "en");
        String url = receiver.url();
        receiver.close();
        api.json(bot.token(), "setWebhook", Map.of("url", url));

        emulator.userSendsText(bot.id(), user.id(), "anyone?");

        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.webhookInfo(bot.id()).lastErrorMessage() != null);
        assertThat(emulator.webhookInfo(bot.id()).lastErrorMessage()).isEqualTo("Connection refused");
        assertThat(emulator.webhookInfo(bot.id()).pendingUpdateCount()).isEqualTo(1);
    }

    @Test
    void replyInTheWebhookResponseIsExecutedAsTheBot() {
        EmulatedBot bot = emulator.createBot("reply_bot", "Reply Bot");
        EmulatedUser user = emulator.createUser("Vic", "vic", "en");
        receiver.answerWith(update -> new WebhookReceiver.Reply(200, BotApiClient.write(Map.of(
                "method", "sendMessage",
                "chat_id", update.path("message").path("chat").path("id").asLong(),
                "text", "echo: " + update.path("message").path("text").asText()))));
        api.json(bot.token(), "setWebhook", Map.of("url", receiver.url()));

        emulator.userSendsText(bot.id(), user.id(), "ping");

        await().atMost(Duration.ofSeconds(60)).until(() -> !emulator.messagesReceivedBy(bot.id(), user.id()).isEmpty());
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id()).get(0).text()).isEqualTo("echo: ping");
    }

    @Test
    void blockAndUnblockProduceMyChatMemberUpdates() {
        EmulatedBot bot = emulator.createBot("member_bot", "Member Bot");
        EmulatedUser user = emulator.createUser("Wes", "wes", "en");
        api.json(bot.token(), "setWebhook", Map.of("url", receiver.url()));

        emulator.userBlocksBot(bot.id(), user.id());
        emulator.userUnblocksBot(bot.id(), user.id());

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 2);
        var blocked = receiver.deliveries().get(0).update().path("my_chat_member");
        var unblocked = receiver.deliveries().get(1).update().path("my_chat_member");
        assertThat(blocked.path("old_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(blocked.path("new_chat_member").path("status").asText()).isEqualTo("kicked");
        assertThat(blocked.path("new_chat_member").path("user").path("id").asLong()).isEqualTo(bot.id());
        assertThat(blocked.path("chat").path("id").asLong()).isEqualTo(user.id());
        assertThat(unblocked.path("new_chat_member").path("status").asText()).isEqualTo("member");
    }

    @Test
    void getUpdatesConflictsWithAWebhookAndWorksWithout() {
        EmulatedBot bot = emulator.createBot("poll_bot", "Poll Bot");
        EmulatedUser user = emulator.createUser("Xia", "xia", "en");
        receiver.answerWith(update -> new WebhookReceiver.Reply(503, ""));
        api.json(bot.token(), "setWebhook", Map.of("url", receiver.url()));
        emulator.userSendsText(bot.id(), user.id(), "queued");

        BotApiClient.Answer conflict = api.get(bot.token(), "getUpdates");
        api.json(bot.token(), "deleteWebhook", Map.of());
        BotApiClient.Answer polled = api.get(bot.token(), "getUpdates");
        long nextOffset = polled.result().get(0).path("update_id").asLong() + 1;
        BotApiClient.Answer confirmed = api.get(bot.token(), "getUpdates?offset=" + nextOffset);

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.description()).isEqualTo(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        assertThat(polled.result()).hasSize(1);
        assertThat(polled.result().get(0).path("message").path("text").asText()).isEqualTo("queued");
        assertThat(confirmed.result()).isEmpty();
    }

    @Test
    void dropPendingUpdatesClearsTheQueueAndSecretTokensAreValidated() {
        EmulatedBot bot = emulator.createBot("drop_bot", "Drop Bot");
        EmulatedUser user = emulator.createUser("Yan", "yan", "en");
        emulator.userSendsText(bot.id(), user.id(), "old");

        BotApiClient.Answer badSecret = api.json(bot.token(), "setWebhook", Map.of("url", receiver.url(), "secret_token", "no spaces"));
        BotApiClient.Answer badConnections = api.json(bot.token(), "setWebhook", Map.of("url", receiver.url(), "max_connections", 101));
        api.json(bot.token(), "setWebhook", Map.of("url", receiver.url(), "drop_pending_updates", true, "max_connections", 5));
        emulator.userSendsText(bot.id(), user.id(), "new");

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.deliveries().size() == 1);
        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badConnections.status()).isEqualTo(400);
        assertThat(receiver.deliveries().get(0).update().path("message").path("text").asText()).isEqualTo("new");
        assertThat(emulator.webhookInfo(bot.id()).maxConnections()).isEqualTo(5);
    }
}
