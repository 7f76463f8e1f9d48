package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsTest extends EmulatorTestBase {

    @Test
    void forced429sAnswerTheNextSendsThenStop() {
        EmulatedBot bot = emulator.createBot("forced_bot", "Forced Bot");
        EmulatedUser user = emulator.createUser("Max", "max", "en");
        emulator.faults(bot.id(), Faults.forced429(2, 7));

        BotApiClient.Answer first = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "1"));
        BotApiClient.Answer second = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "2"));
        BotApiClient.Answer third = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "3"));

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.retryAfter()).isEqualTo(7);
        assertThat(first.description()).isEqualTo("Too Many Requests: retry after 7");
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).hasSize(1);
    }

    @Test
    void serverErrorsAnswer5xxAndSendNothing() {
        EmulatedBot bot = emulator.createBot("flaky_bot", "Flaky Bot");
        EmulatedUser user = emulator.createUser("Ned", "ned", "en");
        emulator.faults(bot.id(), Faults.serverErrors(1.0));

        for (int i = 0; i < 10; i++) {
            BotApiClient.Answer answer = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "x"));
            assertThat(answer.status()).isIn(500, 502);
            assertThat(answer.body().has("parameters")).isFalse();
        }
        emulator.faults(bot.id(), Faults.NONE);

        assertThat(emulator.totalMessagesSent(bot.id())).isZero();
        assertThat(emulator.calls(bot.id())).hasSize(10).allSatisfy(call -> assertThat(call.status()).isIn(500, 502));
        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "x")).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysTheAnswer() {
        EmulatedBot bot = emulator.createBot("slow_bot", "Slow Bot");
        emulator.faults(bot.id(), Faults.latency(Duration.ofMillis(300)));

        long start = System.nanoTime();
        assertThat(api.get(bot.token(), "getMe").status()).isEqualTo(200);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
