package io.botfleet.bench;

import io.botfleet.lambda.BotsModule;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.TelegramBotApi;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The local stack, the Telegram emulator and the functions' environments, as the benchmarks use them. */
final class BenchStack implements AutoCloseable {
    final LocalAwsStack aws = LocalAwsStack.start();
    final TelegramEmulator telegram = TelegramEmulator.start(0);
    final WebhookHost host = new WebhookHost();

    Env env(String function) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("PUBLIC_BASE_URL", "http://127.0.0.1:9");
        overrides.put("WEBHOOK_BASE_URL", host.url() + "telegram");
        overrides.put("TELEGRAM_API_BASE", telegram.baseUrl());
        overrides.put("INSTANCE_ID", "primary");
        return new Env(aws.functionEnvironment(function, overrides));
    }

    BotsModule bots() {
        Env env = env("ApiFunction");
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory clients = new AwsClientFactory(env, config);
        return BotsModule.create(env, config, clients.dynamoDb(), new PlatformSecret(clients.secretsManager(), config.platformSecretId()),
                TelegramBotApi.create(config.telegramApiBase()), Clock.systemUTC());
    }

    @Override
    public void close() {
        host.close();
        telegram.close();
        aws.close();
    }
}
