package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** Latency far longer (60 s) than the client waits (300 ms): the client times out however slow the machine is. */
    @Test
    void latencyHoldsEveryAnswer() {
        EmulatedBot bot = emulator.createBot("slow_bot", "Slow Bot");
        EmulatedUser user = emulator.createUser("Ada", "ada", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        emulator.faults(bot.id(), Faults.latency(Duration.ofSeconds(60)));

        assertThatThrownBy(() -> sendWithReadTimeout(bot, user.id(), "held", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        emulator.faults(bot.id(), Faults.NONE);

        assertThat(api.get(bot.token(), "getMe").status()).as("answered at once again").isEqualTo(200);
    }

    /**
     * The answer is held far longer (60 s) than the client waits (300 ms), so the client times out however slow the
     * machine is; the message is delivered all the same.
     */
    @Test
    void anAcceptedSendCanBeAnsweredTooLateForTheClient() {
        EmulatedBot bot = emulator.createBot("late_bot", "Late Bot");
        EmulatedUser user = emulator.createUser("Rex", "rex", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        control.ok("PUT", "/control/bots/" + bot.id() + "/faults", Map.of("acceptedSendDelayMs", 60_000, "acceptedSendDelayCount", 1));

        BotApiClient.Answer rejected = api.json(bot.token(), "sendMessage", Map.of("chat_id", 42, "text", "nobody"));
        assertThatThrownBy(() -> sendWithReadTimeout(bot, user.id(), "once", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        BotApiClient.Answer next = api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "twice"));

        // the rejected send did not use up the one slow answer: the accepted send after it got it
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(next.status()).isEqualTo(200);
        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::text)
                .containsExactly("once", "twice");
        assertThat(emulator.calls(bot.id())).extracting(ApiCall::status).containsExactly(400, 200, 200);
    }

    @Test
    void everyAcceptedSendCanBeAnsweredLate() {
        EmulatedBot bot = emulator.createBot("always_late_bot", "Always Late Bot");
        EmulatedUser user = emulator.createUser("Sol", "sol", "en");
        emulator.setLimits(bot.id(), new Limits(30, 1000, 100, 20));
        emulator.faults(bot.id(), Faults.slowAcceptedSends(Duration.ofSeconds(60)));

        assertThatThrownBy(() -> sendWithReadTimeout(bot, user.id(), "one", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThatThrownBy(() -> sendWithReadTimeout(bot, user.id(), "two", Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(api.get(bot.token(), "getMe").status()).isEqualTo(200);

        assertThat(emulator.messagesReceivedBy(bot.id(), user.id())).extracting(ReceivedMessage::text)
                .containsExactly("one", "two");
    }

    private static int sendWithReadTimeout(EmulatedBot bot, long chatId, String text, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/bot" + bot.token() + "/sendMessage"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BotApiClient.write(Map.of("chat_id", chatId, "text", text))))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
