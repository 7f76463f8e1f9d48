package io.botfleet.bots;

import static io.botfleet.bots.BotTestKit.call;
import static io.botfleet.bots.BotTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.junit.LogCapture;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.telegram.emulator.WebhookState;
import io.botfleet.webhook.WebhookTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@LocalAws
class BotRegistrationIT {
    static TelegramEmulator telegram;
    static WebhookTestServer webhook;
    static BotsModule module;
    static BotTestKit.Caller api;
    static Env env;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        webhook = WebhookTestServer.start();
        env = BotTestKit.env(stack, "ApiFunction", webhook.baseUrl(), telegram.baseUrl(), "primary", Map.of());
        module = BotTestKit.module(env);
        api = BotTestKit.owner(stack, webhook.baseUrl(), telegram.baseUrl(), "primary");
        webhook.handler(BotTestKit.deployed(stack, "WebhookFunction", webhook.baseUrl(), telegram.baseUrl(), "primary", Map.of()));
    }

    @AfterAll
    static void stop() {
        webhook.close();
        telegram.close();
    }

    @Test
    void registersValidatesManagesAndDeletesABotWithoutEverShowingItsToken(LocalAwsStack stack) {
        // the webhook's function (and its log) serves earlier test classes too, whose bots had the same ids
        int webhookLogBefore = stack.lambda().logs("WebhookFunction").length();
        EmulatedBot bot = telegram.createBot("shop_bot", "Shop");
        EmulatedBot other = telegram.createBot("other_bot", "Other");
        String id = Long.toString(bot.id());
        try (LogCapture logs = new LogCapture()) {
            // registration: validated with getMe, stored encrypted, webhook pointed at us with a secret
            HttpResponse created = call(api, "POST", "/api/bots", Map.of("token", bot.token()));
            assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
            JsonNode view = json(created);
            assertThat(view.path("id").asText()).isEqualTo(id);
            assertThat(view.path("username").asText()).isEqualTo("shop_bot");
            assertThat(view.path("token").asText()).startsWith(id + ":AA").contains("…").hasSizeLessThan(id.length() + 10);
            assertThat(view.path("webhookState").asText()).isEqualTo("attached");
            assertThat(view.path("owner").path("instanceId").asText()).isEqualTo("primary");
            WebhookState hook = telegram.webhookInfo(bot.id());
            assertThat(hook.url()).isEqualTo(webhook.baseUrl() + "/telegram/" + id);
            assertThat(hook.hasSecretToken()).isTrue();
            assertThat(hook.allowedUpdates()).containsExactlyInAnyOrder("message", "edited_message", "callback_query", "my_chat_member");
            assertThat(hook.maxConnections()).isEqualTo(40);

            var item = stack.clients().dynamoDb().getItem(b -> b.tableName(stack.resource("BotsTable").ref())
                    .key(Map.of("pk", AttributeValue.fromS("BOT#" + id), "sk", AttributeValue.fromS("PROFILE")))).item();
            assertThat(item.toString()).doesNotContain(bot.token()).doesNotContain(bot.token().substring(bot.token().indexOf(':') + 1));
            assertThat(module.registry().token(id).orElseThrow().reveal()).isEqualTo(bot.token());

            // the same bot again → 409
            assertThat(call(api, "POST", "/api/bots", Map.of("token", bot.token())).status()).isEqualTo(409);

            // a user talks to the bot: the webhook works end to end (secret verified, /start answered in the response)
            var user = telegram.createUser("Ann", "ann", "en");
            telegram.userSendsStart(bot.id(), user.id(), "promo");
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !telegram.messagesReceivedBy(bot.id(), user.id()).isEmpty());
            assertThat(telegram.messagesReceivedBy(bot.id(), user.id()).get(0).text()).contains("Welcome");

            // list and read: masked only
            JsonNode list = json(call(api, "GET", "/api/bots", null));
            assertThat(list.path("items")).hasSize(1);
            assertThat(list.toString()).doesNotContain(bot.token());
            // the overview's lease and counts, read for the whole page at once
            assertThat(list.path("items").get(0).path("owner").path("instanceId").asText()).isEqualTo("primary");
            assertThat(list.path("items").get(0).path("subscribers").path("active").asLong()).isEqualTo(1);
            assertThat(list.path("items").get(0).path("subscribers").path("total").asLong()).isEqualTo(1);
            HttpResponse read = call(api, "GET", "/api/bots/" + id, null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.bodyText()).doesNotContain(bot.token()).doesNotContain("tokenCipher");
            assertThat(json(read).path("subscribers").path("active").asLong()).isEqualTo(1);

            // change settings with the ETag; a stale ETag is refused
            String etag = read.headers().get("etag");
            HttpResponse patched = call(api, "PATCH", "/api/bots/" + id, Map.of(),
                    Map.of("displayName", "Shop Bot", "sendRatePerSec", 20, "replies", Map.of("start", "Hi there")), Map.of("if-match", etag));
            assertThat(patched.status()).as(patched.bodyText()).isEqualTo(200);
            assertThat(json(patched).path("displayName").asText()).isEqualTo("Shop Bot");
            assertThat(json(patched).path("replies").path("start").asText()).isEqualTo("Hi there");
            assertThat(json(patched).path("replies").path("stop").asText()).contains("unsubscribed");
            assertThat(call(api, "PATCH", "/api/bots/" + id, Map.of(), Map.of("displayName", "X"), Map.of("if-match", etag)).status()).isEqualTo(412);
            assertThat(call(api, "PATCH", "/api/bots/" + id, Map.of("sendRatePerSec", 100)).status()).isEqualTo(422);
            assertThat(call(api, "PATCH", "/api/bots/" + id, Map.of("sendRatePerSec", 100, "paidBroadcast", true)).status()).isEqualTo(200);

            // rotation: another bot's token → 422; a revoked/unknown token of this bot → 422; nothing changes
            HttpResponse wrongBot = call(api, "POST", "/api/bots/" + id + "/token", Map.of("token", other.token()));
            assertThat(wrongBot.status()).isEqualTo(422);
            assertThat(json(wrongBot).path("code").asText()).isEqualTo("TOKEN_OF_ANOTHER_BOT");
            HttpResponse unknown = call(api, "POST", "/api/bots/" + id + "/token", Map.of("token", id + ":AAunknownunknownunknownunknown12345"));
            assertThat(json(unknown).path("code").asText()).isEqualTo("TELEGRAM_TOKEN_INVALID");
            assertThat(module.registry().token(id).orElseThrow().reveal()).isEqualTo(bot.token());

            // a bot-scoped user sees only its bots
            var scopedApi = new BotTestKit.Caller(api.harness(), api.harness().createUser(api.session(), "editor", List.of("1")));
            assertThat(json(call(scopedApi, "GET", "/api/bots", null)).path("items")).isEmpty();
            assertThat(call(scopedApi, "GET", "/api/bots/" + id, null).status()).isIn(403, 404);

            // delete: webhook removed at Telegram, lease released, profile gone
            assertThat(call(api, "DELETE", "/api/bots/" + id, Map.of("purge", "true"), null, Map.of()).status()).isEqualTo(204);
            assertThat(telegram.webhookInfo(bot.id()).url()).isEmpty();
            assertThat(call(api, "GET", "/api/bots/" + id, null).status()).isEqualTo(404);
            assertThat(module.ownership().current(id).orElseThrow().ownerId()).isEmpty();
            assertThat(module.subscribers().counts(id).total()).isZero();

            // registering again works and takes a new epoch (the old webhook secret stays invalid)
            assertThat(call(api, "POST", "/api/bots", Map.of("token", bot.token())).status()).isEqualTo(201);
            assertThat(module.ownership().current(id).orElseThrow().epoch()).isEqualTo(2);

            // everything the test printed, and everything the functions' processes logged
            String everything = logs.text() + stack.lambda().logs("ApiFunction") + stack.lambda().logs("WebhookFunction");
            assertThat(everything).doesNotContain(bot.token()).doesNotContain(other.token());
            assertThat(everything).doesNotContain(bot.token().substring(bot.token().indexOf(':') + 1));
            // the webhook wrote no metrics line for the /start it recorded: the stream consumer counts recorded updates,
            // a batch per line (UpdateStreamIT); a refused request is still counted at once
            assertThat(stack.lambda().logs("WebhookFunction").substring(webhookLogBefore).lines().filter(l -> l.startsWith("{\"_aws\""))
                    .filter(l -> l.contains("\"BotId\":\"" + id + "\"")).filter(l -> l.contains("UpdatesAccepted"))).isEmpty();
        }
    }

    @Test
    void invalidTokensAndUnreachableTelegramStoreNothing(LocalAwsStack stack) {
        HttpResponse malformed = call(api, "POST", "/api/bots", Map.of("token", "not-a-token"));
        assertThat(malformed.status()).isEqualTo(422);
        HttpResponse unknown = call(api, "POST", "/api/bots", Map.of("token", "123456:AAbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(json(unknown).path("code").asText()).isEqualTo("TELEGRAM_TOKEN_INVALID");

        // the same owner, on an API deployed with a Telegram that does not answer
        var offlineApi = new BotTestKit.Caller(ApiHarness.start(stack, Map.of("PUBLIC_BASE_URL", webhook.baseUrl(),
                "TELEGRAM_API_BASE", "http://127.0.0.1:9")), api.session());
        EmulatedBot bot = telegram.createBot("lonely_bot", "Lonely");
        HttpResponse unreachable = call(offlineApi, "POST", "/api/bots", Map.of("token", bot.token()));
        assertThat(unreachable.status()).isEqualTo(502);
        assertThat(json(unreachable).path("detail").asText()).contains("could not be reached");
        assertThat(unreachable.bodyText()).doesNotContain(bot.token());
        assertThat(module.registry().get(Long.toString(bot.id()))).isEmpty();
        assertThat(module.ownership().current(Long.toString(bot.id()))).isEmpty();
    }
}
