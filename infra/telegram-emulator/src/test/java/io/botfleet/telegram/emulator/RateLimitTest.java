package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest extends EmulatorTestBase {

    @Test
    void burstOverThirtyPerSecondGets429WithRetryAfter() {
        EmulatedBot bot = emulator.createBot("burst_bot", "Burst Bot");
        List<EmulatedUser> users = users(40);

        List<BotApiClient.Answer> answers = new ArrayList<>();
        for (EmulatedUser user : users) {
            answers.add(api.json(bot.token(), "sendMessage", Map.of("chat_id", user.id(), "text", "hi")));
        }

        assertThat(answers.subList(0, 30)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        BotApiClient.Answer rejected = answers.get(30);
        assertThat(rejected.status()).isEqualTo(429);
        assertThat(rejected.description()).isEqualTo("Too Many Requests: retry after " + rejected.retryAfter());
        assertThat(rejected.retryAfter()).isEqualTo(1);
        assertThat(emulator.totalMessagesSent(bot.id())).isEqualTo(30);
    }

    @Test
    void paidBroadcastRaisesTheBotLimit() {
        EmulatedBot bot = emulator.createBot("paid_bot", "Paid Bot");
        List<EmulatedUser> users = users(100);

        long paidAccepted = users.stream().filter(user -> api.json(bot.token(), "sendMessage",
                Map.of("chat_id", user.id(), "text", "paid", "allow_paid_broadcast", true)).status() == 200).count();
        BotApiClient.Answer free = api.json(bot.token(), "sendMessage", Map.of("chat_id", users(1).get(0).id(), "text", "free"));

        assertThat(paidAccepted).isEqualTo(100);
        assertThat(free.status()).isEqualTo(429);
        assertThat(emulator.messagesReceivedBy(bot.id(), users.get(0).id()).get(0).allowPaidBroadcast()).isTrue();
    }

    @Test
    void groupsAllowTwentyMessagesPerMinute() {
        EmulatedBot bot = emulator.createBot("group_bot", "Group Bot");
        EmulatedGroup group = emulator.createGroup("Fans");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            statuses.add(api.json(bot.token(), "sendMessage", Map.of("chat_id", group.id(), "text", "m" + i)).status());
        }

        assertThat(group.id()).isNegative();
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(statuses.get(20)).isEqualTo(429);
    }

    @Test
    void rejectedSendsDoNotCountAgainstTheLimit() {
        EmulatedBot bot = emulator.createBot("reject_bot", "Reject Bot");
        for (int i = 0; i < 50; i++) {
            assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", 1, "text", "nobody")).status()).isEqualTo(400);
        }

        assertThat(api.json(bot.token(), "sendMessage", Map.of("chat_id", users(1).get(0).id(), "text", "hi")).status())
                .isEqualTo(200);
    }

    /** Sends one message per user at {@code perSecond}, scheduled like a token bucket without burst. */
    private static List<EmulatedUser> users(int count) {
        List<EmulatedUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(emulator.createUser("User" + i, "user" + i, "en"));
        }
        return users;
    }
}
