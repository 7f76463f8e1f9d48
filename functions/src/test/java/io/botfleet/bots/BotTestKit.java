package io.botfleet.bots;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import io.botfleet.subscribers.Subscriber;
import io.botfleet.telegram.emulator.TelegramEmulator;
import io.botfleet.webhook.DynamoUpdateLedger;
import io.botfleet.webhook.UpdateLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** Builds the bots capability against the local stack and calls its admin routes as a test admin. */
public final class BotTestKit {
    private BotTestKit() {}

    /** The environment template.yaml gives {@code function}, with this instance's id and base URL. */
    public static Env env(LocalAwsStack stack, String function, String publicBaseUrl, String telegramBase, String instanceId,
                          Map<String, String> extra) {
        return new Env(stack.functionEnvironment(function, overrides(publicBaseUrl, telegramBase, instanceId, extra)));
    }

    /** {@code function} deployed on the local Lambda service with this instance's id and base URL. */
    public static LambdaFunction deployed(LocalAwsStack stack, String function, String publicBaseUrl, String telegramBase,
                                          String instanceId, Map<String, String> extra) {
        return stack.lambda().function(function, overrides(publicBaseUrl, telegramBase, instanceId, extra));
    }

    private static Map<String, String> overrides(String publicBaseUrl, String telegramBase, String instanceId,
                                                 Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>(extra);
        overrides.put("PUBLIC_BASE_URL", publicBaseUrl);
        // the webhook's function URL is served at publicBaseUrl in these tests (WebhookTestServer)
        overrides.put("WEBHOOK_BASE_URL", publicBaseUrl + "/telegram");
        overrides.put("TELEGRAM_API_BASE", telegramBase);
        overrides.put("INSTANCE_ID", instanceId);
        return overrides;
    }

    /** {@code count} new users of the Telegram emulator as active subscribers of the bot, as the webhook records /start. */
    public static List<Long> subscribe(LocalAwsStack aws, TelegramEmulator telegram, String botId, int count, String prefix) {
        BotsModule bots = module(env(aws, "ApiFunction", "http://127.0.0.1:1", telegram.baseUrl(), "primary", Map.of()));
        var ledger = new DynamoUpdateLedger(aws.clients().dynamoDb(), aws.resource("BotsTable").ref(),
                aws.resource("SubscribersTable").ref(), aws.resource("EphemeralTable").ref());
        var fence = bots.ownership().current(botId).orElseThrow().fence();
        List<Long> chats = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long chatId = telegram.createUser("User" + i, prefix + i, "en").id();
            ledger.record(new UpdateLedger.UpdateRecord(botId, i, fence,
                    Optional.of(new UpdateLedger.Contact(Long.toString(chatId), "private", "Chat" + i, null, "en")),
                    Optional.of(Subscriber.ACTIVE), Optional.empty(), Instant.now()));
            chats.add(chatId);
        }
        return chats;
    }

    public static BotsModule module(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        return BotsModule.create(env, config, aws.dynamoDb(), new PlatformSecret(aws.secretsManager(), config.platformSecretId()),
                TelegramBotApi.create(config.telegramApiBase()), Clock.systemUTC());
    }

    /** A signed-in user of the deployed ApiFunction (see {@link ApiHarness}). */
    public record Caller(ApiHarness harness, ApiHarness.Session session) {}

    /** The deployed ApiFunction with this instance's base URL and Telegram, and a first owner signed in. */
    public static Caller owner(LocalAwsStack stack, String publicBaseUrl, String telegramBase, String instanceId) {
        ApiHarness harness = ApiHarness.start(stack, overrides(publicBaseUrl, telegramBase, instanceId, Map.of()));
        return new Caller(harness, harness.setupOwner());
    }

    public static HttpResponse call(Caller caller, String method, String path, Object body) {
        return call(caller, method, path, Map.of(), body, Map.of());
    }

    public static HttpResponse call(Caller caller, String method, String path, Map<String, String> query, Object body,
                                    Map<String, String> extraHeaders) {
        ApiHarness.Call call = caller.harness().call(method, path).as(caller.session());
        query.forEach(call::query);
        extraHeaders.forEach(call::header);
        if (body != null) {
            call.json(body);
        }
        return call.send().raw();
    }

    public static JsonNode json(HttpResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static URI uri(String s) {
        return URI.create(s);
    }
}
