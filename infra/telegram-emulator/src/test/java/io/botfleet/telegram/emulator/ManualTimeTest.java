package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time-based behaviour over HTTP on a clock the test moves (it also drives the send-rate limits): no test waits
 * for the seconds it checks, and none depends on how fast the machine sends.
 */
class ManualTimeTest {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    private static TelegramEmulator emulator;
    private static BotApiClient api;
    private static ControlClient control;

    @BeforeAll
    static void start() {
        emulator = TelegramEmulator.start(0, EmulatorTestBase.FAST_DELIVERY, CLOCK);
        api = new BotApiClient(emulator.baseUrl());
        control = new ControlClient(emulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void duringAFloodWaitEverySendAnswers429WithTheSecondsLeft() {
        EmulatedBot bot = emulator.createBot("flood_bot", "Flood Bot");
        EmulatedUser user = emulator.createUser("Pat", "pat", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        long messageId = send(bot, user, "before").result().path("message_id").asLong();

        control.ok("PUT", "/control/bots/" + bot.id() + "/faults", Map.of("floodWaitSeconds", 30));
        BotApiClient.Answer first = send(bot, user, "a");
        CLOCK.advance(Duration.ofMillis(10_500));
        BotApiClient.Answer later = send(bot, user, "b");
        BotApiClient.Answer edit = api.json(bot.token(), "editMessageText",
                Map.of("chat_id", user.id(), "message_id", messageId, "text", "edits are not sends"));
        CLOCK.advance(Duration.ofMillis(19_499));
        BotApiClient.Answer lastMoment = send(bot, user, "c");
        CLOCK.advance(Duration.ofMillis(1));
        BotApiClient.Answer over = send(bot, user, "d");

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.retryAfter()).isEqualTo(30);
        assertThat(first.description()).isEqualTo("Too Many Requests: retry after 30");
        assertThat(later.retryAfter()).isEqualTo(20);
        assertThat(edit.status()).isEqualTo(200);
        assertThat(lastMoment.status()).isEqualTo(429);
        assertThat(lastMoment.retryAfter()).isEqualTo(1);
        assertThat(over.status()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::text)
                .containsExactly("edits are not sends", "d");
    }

    @Test
    void theNextSendsCanBeForcedTo429WithALongRetryAfter() {
        EmulatedBot bot = emulator.createBot("long_429_bot", "Long 429 Bot");
        EmulatedUser user = emulator.createUser("Quy", "quy", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));

        control.ok("PUT", "/control/bots/" + bot.id() + "/faults",
                Map.of("forced429Count", 2, "forced429RetryAfterSeconds", 30));
        BotApiClient.Answer first = send(bot, user, "1");
        CLOCK.advance(Duration.ofMinutes(5));
        BotApiClient.Answer second = send(bot, user, "2");
        BotApiClient.Answer third = send(bot, user, "3");

        assertThat(first.retryAfter()).isEqualTo(30);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.retryAfter()).isEqualTo(30);
        assertThat(second.description()).isEqualTo("Too Many Requests: retry after 30");
        assertThat(third.status()).isEqualTo(200);
    }

    /** Three quick messages to one chat are a burst Telegram lets through; a fourth within the second is not. */
    @Test
    void oneChatTakesABurstOfThreeThenOnePerSecond() {
        EmulatedBot bot = emulator.createBot("burst_chat_bot", "Burst Chat Bot");
        EmulatedUser user = emulator.createUser("Ria", "ria", "en");

        BotApiClient.Answer first = send(bot, user, "1");
        BotApiClient.Answer second = send(bot, user, "2");
        BotApiClient.Answer third = send(bot, user, "3");
        BotApiClient.Answer fourth = send(bot, user, "4");
        CLOCK.advance(Duration.ofSeconds(1));
        BotApiClient.Answer aSecondLater = send(bot, user, "5");
        BotApiClient.Answer sameMoment = send(bot, user, "6");

        assertThat(List.of(first, second, third)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.retryAfter()).isEqualTo(1);
        assertThat(aSecondLater.status()).isEqualTo(200);
        assertThat(sameMoment.status()).isEqualTo(429);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).hasSize(4);
    }

    @Test
    void withoutABurstTheSecondMessageToOneChatWithinASecondGets429() {
        EmulatedBot bot = emulator.createBot("strict_chat_bot", "Strict Chat Bot");
        EmulatedUser user = emulator.createUser("Sam", "sam", "en");
        control.ok("PUT", "/control/bots/" + bot.id() + "/limits", Map.of("perChatBurst", 1));

        BotApiClient.Answer first = send(bot, user, "1");
        CLOCK.advance(Duration.ofMillis(900));
        BotApiClient.Answer second = send(bot, user, "2");
        CLOCK.advance(Duration.ofMillis(100));
        BotApiClient.Answer third = send(bot, user, "3");

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.retryAfter()).isEqualTo(1);
        assertThat(third.status()).isEqualTo(200);
    }

    private static BotApiClient.Answer send(EmulatedBot bot, EmulatedUser user, String text) {
        return api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", text));
    }
}
