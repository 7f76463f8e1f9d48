package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * getUpdates as Telegram answers it. Concurrent polls are ordered by waiting until the first one is known to be
 * waiting, never by sleeping.
 */
class PollingTest extends EmulatorTestBase {

    @Test
    void aSecondLongPollEndsTheFirstWith409() throws Exception {
        EmulatedBot bot = emulator.createBot("twin_bot", "Twin Bot");
        EmulatedUser user = emulator.createUser("Cal", "cal", "en");

        CompletableFuture<BotApiClient.Answer> first = poll(bot, "getUpdates?timeout=50");
        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.isLongPolling(bot.id()));
        CompletableFuture<BotApiClient.Answer> second = poll(bot, "getUpdates?timeout=50");

        BotApiClient.Answer terminated = first.get(10, TimeUnit.SECONDS);
        assertThat(terminated.status()).isEqualTo(409);
        assertThat(terminated.description())
                .isEqualTo("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        await().atMost(Duration.ofSeconds(60)).until(() -> emulator.isLongPolling(bot.id()));
        long updateId = emulator.userSendsText(bot.id(), user.id(), "for the survivor");
        BotApiClient.Answer survivor = second.get(10, TimeUnit.SECONDS);
        assertThat(survivor.status()).isEqualTo(200);
        assertThat(survivor.result().get(0).path("update_id").asLong()).isEqualTo(updateId);
        assertThat(emulator.calls(bot.id())).extracting(ApiCall::status).containsExactly(409, 200);
    }

    @Test
    void settingAWebhookEndsALongPollWith409() throws Exception {
        EmulatedBot bot = emulator.createBot("hooked_poll_bot", "Hooked Poll Bot");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            CompletableFuture<BotApiClient.Answer> polling = poll(bot, "getUpdates?timeout=50");
            await().atMost(Duration.ofSeconds(60)).until(() -> emulator.isLongPolling(bot.id()));
            api.json(bot.token(), "setWebhook", Map.of("url", receiver.url()));

            BotApiClient.Answer terminated = polling.get(10, TimeUnit.SECONDS);
            assertThat(terminated.status()).isEqualTo(409);
            assertThat(terminated.description()).isEqualTo("Conflict: terminated by setWebhook request");
        }
    }

    @Test
    void offsetMinusOneReturnsOnlyTheLastUpdateAndForgetsTheRest() {
        EmulatedBot bot = emulator.createBot("last_bot", "Last Bot");
        EmulatedUser user = emulator.createUser("Dan", "dan", "en");
        emulator.userSendsText(bot.id(), user.id(), "one");
        emulator.userSendsText(bot.id(), user.id(), "two");
        long last = emulator.userSendsText(bot.id(), user.id(), "three");

        BotApiClient.Answer latest = api.get(bot.token(), "getUpdates?offset=-1");
        BotApiClient.Answer afterwards = api.get(bot.token(), "getUpdates");

        assertThat(latest.result()).hasSize(1);
        assertThat(latest.result().get(0).path("update_id").asLong()).isEqualTo(last);
        assertThat(latest.result().get(0).path("message").path("text").asText()).isEqualTo("three");
        assertThat(afterwards.result()).extracting(update -> update.path("update_id").asLong()).containsExactly(last);
    }

    @Test
    void aBlockedUserWhoWritesUnblocksTheBotFirst() {
        EmulatedBot bot = emulator.createBot("comeback_bot", "Comeback Bot");
        EmulatedUser user = emulator.createUser("Eli", "eli", "en");
        long blocked = emulator.userBlocksBot(bot.id(), user.id());

        long messageUpdate = emulator.userSendsStart(bot.id(), user.id(), null);
        JsonNode updates = api.get(bot.token(), "getUpdates?offset=" + (blocked + 1)).result();

        assertThat(updates).hasSize(2);
        JsonNode unblocked = updates.get(0).path("my_chat_member");
        assertThat(unblocked.path("old_chat_member").path("status").asText()).isEqualTo("kicked");
        assertThat(unblocked.path("new_chat_member").path("status").asText()).isEqualTo("member");
        assertThat(unblocked.path("chat").path("id").asLong()).isEqualTo(user.id());
        assertThat(updates.get(1).path("update_id").asLong()).isEqualTo(messageUpdate);
        assertThat(updates.get(1).path("message").path("text").asText()).isEqualTo("/start");
        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "welcome back")).status())
                .isEqualTo(200);
        // a user who has not blocked the bot just writes
        emulator.userSendsText(bot.id(), user.id(), "again");
        assertThat(api.get(bot.token(), "getUpdates?offset=" + (messageUpdate + 1)).result())
                .singleElement().satisfies(update -> assertThat(update.has("message")).isTrue());
    }

    private static CompletableFuture<BotApiClient.Answer> poll(EmulatedBot bot, String methodAndQuery) {
        CompletableFuture<BotApiClient.Answer> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(api.get(bot.token(), methodAndQuery));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }
}
