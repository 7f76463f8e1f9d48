package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.botfleet.bots.BotHeartbeat;
import io.botfleet.live.BotFeed;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.aws.LambdaEvents;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformSecret;
import io.botfleet.telegram.BotAdminApi;
import io.botfleet.telegram.TelegramBotApi;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Spring Cloud Function bean {@code heartbeat}: the scheduled event in, the beat's report out. The beat's deadline is
 * the invocation's: now plus the Lambda context's remaining time ({@link #withLambdaContext()}), so the beat stops
 * starting bots in time and answers before the function's timeout.
 */
public final class HeartbeatFunction implements Function<ScheduledEvent, BotHeartbeat.Report> {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatFunction.class);
    /** The bean's input: the raw event with Spring Cloud Function's headers, among them Lambda's context. */
    public static final Type LAMBDA_INPUT = ResolvableType.forClassWithGenerics(Message.class, InputStream.class).getType();
    /** The header Spring Cloud Function's AWS adapter puts the Lambda context in. */
    static final String AWS_CONTEXT = AWSLambdaUtils.AWS_CONTEXT;
    /** Telegram calls of the heartbeat: short, so a bot started before the deadline's margin ends within it. */
    static final Duration TELEGRAM_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration TELEGRAM_TIMEOUT = Duration.ofSeconds(6);

    private final BotHeartbeat heartbeat;
    private final Optional<BotFeed> live;
    private final Clock clock;

    public HeartbeatFunction(BotHeartbeat heartbeat) {
        this(heartbeat, Optional.empty(), Clock.systemUTC());
    }

    /** @param live where a bot whose webhook state the beat changed is pushed to the dashboards, if anywhere */
    public HeartbeatFunction(BotHeartbeat heartbeat, Optional<BotFeed> live, Clock clock) {
        this.heartbeat = heartbeat;
        this.live = live;
        this.clock = clock;
    }

    public static HeartbeatFunction create(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        TelegramBotApi telegram = telegram(config);
        BotsModule module = BotsModule.create(env, config, aws.dynamoDb(),
                new PlatformSecret(aws.secretsManager(), config.platformSecretId()), telegram, Clock.systemUTC());
        String namespace = PlatformConfig.metricsNamespace(env);
        BotHeartbeat heartbeat = new BotHeartbeat(BotHeartbeat.Fleet.of(module.registry(), new BotAdminApi(telegram)),
                module.ownership(), metrics(namespace, module.ownership().instanceId()), settings(env), Clock.systemUTC());
        return new HeartbeatFunction(heartbeat, LiveWiring.botFeed(env, config, aws.dynamoDb(), module.registry().store(),
                Clock.systemUTC()), Clock.systemUTC());
    }

    /** The Bot API with the heartbeat's short timeouts. */
    public static TelegramBotApi telegram(PlatformConfig config) {
        return new TelegramBotApi(config.telegramApiBase(), TELEGRAM_CONNECT_TIMEOUT, TELEGRAM_TIMEOUT);
    }

    /** {@code HEARTBEAT_WORKERS}: bots beaten at once (default 16). */
    public static BotHeartbeat.Settings settings(Env env) {
        return BotHeartbeat.Settings.DEFAULTS.withWorkers(
                Integer.parseInt(env.orDefault("HEARTBEAT_WORKERS", Integer.toString(BotHeartbeat.Settings.DEFAULTS.workers()))));
    }

    /**
     * Powertools EMF: a bot's events with the dimension {@code BotId}; the beat's counts in one document with the
     * dimension {@code InstanceId}.
     */
    static BotHeartbeat.Metrics metrics(String namespace, String instanceId) {
        return new BotHeartbeat.Metrics() {
            @Override
            public void record(String name, double value, String botId) {
                MetricsFactory.getMetricsInstance().flushSingleMetric(name, value, MetricUnit.COUNT, namespace,
                        DimensionSet.of("BotId", botId));
            }

            @Override
            public void beat(Map<String, Double> figures) {
                MetricsFactory.getMetricsInstance().flushMetrics(m -> {
                    m.setNamespace(namespace);
                    m.addDimension(DimensionSet.of("InstanceId", instanceId));
                    figures.forEach((name, value) -> m.addMetric(name, value, MetricUnit.COUNT));
                });
            }
        };
    }

    /** A beat without a Lambda context (called directly): {@link BotHeartbeat#DEFAULT_BUDGET} from now. */
    @Override
    public BotHeartbeat.Report apply(ScheduledEvent scheduledEvent) {
        return apply(scheduledEvent, Optional.empty());
    }

    /** A beat that must answer within {@code remaining} (the invocation's remaining time). */
    public BotHeartbeat.Report apply(ScheduledEvent scheduledEvent, Optional<Duration> remaining) {
        BotHeartbeat.Report report = heartbeat.beat(clock.instant().plus(remaining.orElse(BotHeartbeat.DEFAULT_BUDGET)));
        live.ifPresent(feed -> report.webhookStateChanged().forEach(botId -> {
            try {
                feed.publish(botId);
            } catch (RuntimeException e) {
                // the dashboards converge on their next sync or poll; the beat's work is done
                log.warn("pushing the webhook state of bot {} failed", botId, e);
            }
        }));
        return report;
    }

    /** The bean as Spring Cloud Function runs it: the raw event bound here, the remaining time from the context. */
    public Function<Message<InputStream>, BotHeartbeat.Report> withLambdaContext() {
        return message -> apply(LambdaEvents.read(message.getPayload(), ScheduledEvent.class),
                remainingTime(message.getHeaders().get(AWS_CONTEXT)));
    }

    static Optional<Duration> remainingTime(Object context) {
        return context instanceof Context lambda ? Optional.of(Duration.ofMillis(lambda.getRemainingTimeInMillis()))
                : Optional.empty();
    }
}
