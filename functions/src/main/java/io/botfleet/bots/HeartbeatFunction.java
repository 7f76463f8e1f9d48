package io.botfleet.bots;

import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.TelegramBotApi;
import java.time.Clock;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.function.Function;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Spring Cloud Function bean {@code heartbeat}: the scheduled event in, the beat's report out. */
public final class HeartbeatFunction implements Function<ScheduledEvent, BotHeartbeat.Report> {
    private final BotHeartbeat heartbeat;

    public HeartbeatFunction(BotHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    public static HeartbeatFunction create(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        TelegramBotApi telegram = TelegramBotApi.create(config.telegramApiBase());
        BotsModule module = BotsModule.create(env, config, aws.dynamoDb(),
                new PlatformSecret(aws.secretsManager(), config.platformSecretId()), telegram, Clock.systemUTC());
        String namespace = env.orDefault("POWERTOOLS_METRICS_NAMESPACE", "botfleet");
        BotHeartbeat.Metrics metrics = (name, value, botId) ->
                MetricsFactory.getMetricsInstance().flushSingleMetric(name, value, MetricUnit.COUNT, namespace);
        return new HeartbeatFunction(new BotHeartbeat(module.registry(), module.ownership(), new BotAdminApi(telegram), metrics));
    }

    @Override
    public BotHeartbeat.Report apply(ScheduledEvent scheduledEvent) {
        return heartbeat.beat();
    }
}
