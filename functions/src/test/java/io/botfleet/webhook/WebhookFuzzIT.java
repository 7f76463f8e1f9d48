package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.botfleet.bots.BotTestKit;
import io.botfleet.bots.WebhookSecrets;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.subscribers.SubscriberCounts;
import io.botfleet.subscribers.SubscriberQuery;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile updates through the deployed WebhookFunction: whatever arrives, the webhook answers 2xx (processed or
 * parked), so Telegram never holds up a bot's later updates behind one of them, and what it stores stays valid.
 * Seeded: {@code -Dfuzz.seed=<n>} replays a failing run.
 */
@LocalAws
class WebhookFuzzIT {
    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int UPDATES = 300;
    /** Far from the emulator's own update ids, so the fuzz never dedupes away a real update. */
    static final long FIRST_UPDATE_ID = 7_000_000_000L;
    /** A small pool of chats, so the same subscribers go through many status changes. */
    static final long[] CHATS = {501, 502, 503, 504, 505, 506, 507, 508};

    static TelegramEmulator telegram;
    static WebhookTestServer server;
    static BotsModule bots;
    static WebhookSecrets secrets;
    static ParkedUpdates parked;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        server = WebhookTestServer.start();
        bots = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
        Env env = BotTestKit.env(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of());
        PlatformConfig config = PlatformConfig.from(env);
        PlatformSecret secret = new PlatformSecret(new AwsClientFactory(env, config).secretsManager(), config.platformSecretId());
        secrets = new WebhookSecrets(() -> secret.get().webhookSecretKey());
        parked = new DynamoParkedUpdates(stack.clients().dynamoDb(), config.tables().deliveries(), Clock.systemUTC());
        server.handler(BotTestKit.deployed(stack, "WebhookFunction", server.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
    }

    @AfterAll
    static void stop() {
        server.close();
        telegram.close();
    }

    @Test
    void hostileUpdatesAreAnsweredAndNeverWedgeTheBot() {
        EmulatedBot bot = telegram.createBot("fuzz_bot", "Fuzz");
        bots.registry().register(bot.token(), "test");
        String botId = Long.toString(bot.id());
        String secret = secrets.secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
        Random random = new Random(SEED);
        Fuzz fuzz = new Fuzz(random);

        for (int i = 0; i < UPDATES; i++) {
            String body = fuzz.update(FIRST_UPDATE_ID + i);
            int status = server.deliver(botId, secret, body).status();
            assertThat(status).as("seed %d, update %d: %.300s", SEED, i, body).isBetween(200, 299);
        }

        // a normal user's /start after the batch: Telegram delivers it, and it is processed and answered
        EmulatedUser ivy = telegram.createUser("Ivy", "ivy", "en");
        telegram.userSendsStart(bot.id(), ivy.id(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.messagesReceivedBy(bot.id(), ivy.id()).size() == 1);
        assertThat(telegram.messagesReceivedBy(bot.id(), ivy.id()).get(0).text()).startsWith("Welcome");
        assertThat(bots.subscribers().get(botId, Long.toString(ivy.id())).orElseThrow().status()).isEqualTo("active");

        // what was stored is valid, and the counters agree with the subscribers
        List<Subscriber> all = new ArrayList<>();
        bots.subscribers().forEach(botId, SubscriberQuery.all(200), Optional.empty(), Long.MAX_VALUE, all::add);
        assertThat(all).as("seed %d", SEED).hasSizeGreaterThan(1);
        for (Subscriber s : all) {
            assertThat(Long.parseLong(s.chatId())).isNotZero();
            for (String text : new String[] {s.firstName(), s.username(), s.language(), s.chatType()}) {
                assertThat(text == null || TelegramText.clean(text, Integer.MAX_VALUE).equals(text))
                        .as("seed %d: stored text of chat %s is clean: %s", SEED, s.chatId(), text).isTrue();
            }
            assertThat(s.firstName().length()).isLessThanOrEqualTo(TelegramUpdate.NAME_MAX);
        }
        long active = all.stream().filter(s -> s.status().equals("active")).count();
        long blocked = all.stream().filter(s -> s.status().equals("blocked")).count();
        long left = all.stream().filter(s -> s.status().equals("left")).count();
        assertThat(bots.subscribers().counts(botId)).as("seed %d", SEED)
                .isEqualTo(new SubscriberCounts(active, blocked, left, all.size()));
        assertThat(parked.list(botId, 200)).as("seed %d: the hostile updates left a trace", SEED).isNotEmpty()
                .allSatisfy(p -> assertThat(p.raw().length()).isLessThanOrEqualTo(ParkedUpdates.RAW_MAX));
    }

    /** Generates updates: mostly Telegram's shapes with hostile values, some junk. JSON is written by hand so that
     *  lone surrogates and wrong types reach the webhook exactly as a hostile sender would send them. */
    static final class Fuzz {
        private final Random random;

        Fuzz(Random random) {
            this.random = random;
        }

        String update(long updateId) {
            return switch (random.nextInt(20)) {
                case 0 -> junk();
                case 1 -> "{\"update_id\":" + updateId + ",\"message\":" + nested(random.nextInt(2) == 0 ? 50 : 5_000) + "}";
                case 2 -> "{\"update_id\":" + id() + ",\"message\":" + message() + "}";
                case 3 -> "{" + field("update_id", () -> Long.toString(updateId)) + "}";
                case 4 -> "{\"update_id\":" + updateId + ",\"" + pick("poll", "chat_join_request", "x\\ud800", "message_reaction",
                        "") + "\":" + value() + "}";
                case 5, 6, 7 -> "{\"update_id\":" + updateId + ",\"callback_query\":{" + field("id", this::string) + ","
                        + field("data", this::string) + "," + field("from", this::user) + ","
                        + field("message", () -> "{\"message_id\":1,\"chat\":" + chat() + "}") + "}}";
                case 8, 9, 10 -> "{\"update_id\":" + updateId + ",\"my_chat_member\":{" + field("chat", this::chat) + ","
                        + field("from", this::user) + ",\"new_chat_member\":{" + field("status",
                        () -> pick("\"kicked\"", "\"member\"", "\"left\"", "\"creator\"", "7", "\"\\ud800\"")) + "}}}";
                default -> "{\"update_id\":" + updateId + ",\"" + pick("message", "edited_message") + "\":" + message() + "}";
            };
        }

        private String message() {
            if (random.nextInt(15) == 0) {
                return value();
            }
            return "{" + field("message_id", this::value) + "," + field("chat", this::chat) + "," + field("from", this::user) + ","
                    + field("text", () -> pick(quote("/start " + rawString()), quote("/stop"), quote("/start"), string(),
                            quote("/" + rawString()))) + "," + field("extra", () -> nested(random.nextInt(30))) + "}";
        }

        private String chat() {
            if (random.nextInt(15) == 0) {
                return value();
            }
            return "{" + field("id", this::chatId) + "," + field("type", () -> pick("\"private\"", "\"private\"", "\"group\"",
                    "\"supergroup\"", string())) + "," + field("first_name", this::string) + "}";
        }

        private String user() {
            if (random.nextInt(15) == 0) {
                return value();
            }
            return "{" + field("id", this::chatId) + "," + field("first_name", this::string) + "," + field("username", this::string)
                    + "," + field("language_code", this::string) + "}";
        }

        private String chatId() {
            return random.nextInt(4) == 0 ? id() : Long.toString(CHATS[random.nextInt(CHATS.length)]);
        }

        /** A hostile id: wrong type, out of range, or an odd but valid 64-bit integer. */
        private String id() {
            return pick("\"abc\"", "\"501\"", "1e30", "4.5", "-0.0", "99999999999999999999999", "9223372036854775808",
                    "-9223372036854775808", "9223372036854775807", "null", "true", "{}", "[501]", "0");
        }

        /** A field that is sometimes missing and sometimes of the wrong type. */
        private String field(String name, Supplier<String> value) {
            return switch (random.nextInt(12)) {
                case 0 -> "\"unused_" + random.nextInt(1000) + "\":0";
                case 1 -> "\"" + name + "\":" + value();
                default -> "\"" + name + "\":" + value.get();
            };
        }

        private String value() {
            return switch (random.nextInt(7)) {
                case 0 -> "null";
                case 1 -> Long.toString(random.nextLong());
                case 2 -> "[1,\"a\",{}]";
                case 3 -> "{\"a\":{\"b\":[]}}";
                case 4 -> "1.5e308";
                case 5 -> "false";
                default -> string();
            };
        }

        private String string() {
            return quote(rawString());
        }

        /** JSON string content (escaped), possibly with lone surrogates, control characters, or 100 KB long. */
        private String rawString() {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40) == 0 ? 100_000 : random.nextInt(12);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(10)) {
                    case 0 -> s.append("\\ud800");
                    case 1 -> s.append("\\udfff");
                    case 2 -> s.append("\\u0000");
                    case 3 -> s.append("\\u0007\\r\\n\\t");
                    case 4 -> s.append("\\ud83d\\ude00");
                    case 5 -> s.append("é");
                    case 6 -> s.append("\\\"");
                    default -> s.append((char) ('a' + random.nextInt(26)));
                }
            }
            return s.toString();
        }

        private static String quote(String escaped) {
            return "\"" + escaped + "\"";
        }

        private String nested(int depth) {
            return "[".repeat(depth) + "]".repeat(depth);
        }

        private String junk() {
            return switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> "{not json";
                case 2 -> "[1,2,3]";
                case 3 -> "\"just a string\"";
                case 4 -> new String(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'}, StandardCharsets.ISO_8859_1);
                default -> "{\"update_id\":";
            };
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }
    }
}
