package io.botfleet.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.botfleet.bots.BotHeartbeat;
import io.botfleet.bots.FleetWorld;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * HeartbeatFunction as Spring Cloud Function's AWS adapter calls it: the scheduled event with Lambda's context in the
 * {@code aws-context} header. The beat's deadline is now plus the context's remaining time.
 */
class BotHeartbeatLambdaContextTest {
    static final Path EVENT = Path.of("..", "infra", "events", "schedule-heartbeat.json");

    static final String HERE = "https://here.example";

    final FleetWorld world = new FleetWorld();

    @Test
    void theBeatStopsStartingBotsTenSecondsBeforeTheInvocationRunsOutOfTime() throws IOException {
        List<String> order = ownedBots(40);
        world.telegramLatency = Duration.ofSeconds(1);
        HeartbeatFunction function = function();

        // 25 s left: bots start until 15 s from now, one a second
        BotHeartbeat.Report report = function.withLambdaContext().apply(event(context(25_000)));

        assertThat(report.renewed()).containsExactlyElementsOf(order.subList(0, 15));
        assertThat(report.skipped()).hasSize(25);
    }

    @Test
    void withoutAContextTheBudgetIsTheFunctionsTimeout() throws IOException {
        ownedBots(40);
        world.telegramLatency = Duration.ofSeconds(1);

        BotHeartbeat.Report report = function().withLambdaContext().apply(
                MessageBuilder.withPayload(eventStream()).build());

        assertThat(report.count("completed")).isEqualTo(40); // 60 s − 10 s margin: 50 bots would fit
        assertThat(HeartbeatFunction.remainingTime(null)).isEmpty();
    }

    private HeartbeatFunction function() {
        return new HeartbeatFunction(world.heartbeat("primary", HERE,
                BotHeartbeat.Settings.DEFAULTS.withWorkers(1), BotHeartbeat.Metrics.NONE), java.util.Optional.empty(), world.clock);
    }

    private List<String> ownedBots(int count) {
        world.addBots(count).forEach(id -> world.own(id, "primary", HERE, 1));
        return world.listingOrder();
    }

    private static Message<InputStream> event(Context context) throws IOException {
        return MessageBuilder.withPayload(eventStream()).setHeader(HeartbeatFunction.AWS_CONTEXT, context).build();
    }

    private static InputStream eventStream() throws IOException {
        return new ByteArrayInputStream(Files.readAllBytes(EVENT));
    }

    /** A Lambda context that only knows its remaining time. */
    private static Context context(int remainingMillis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> remainingMillis;
                    case "getAwsRequestId", "toString" -> "test";
                    default -> null;
                });
    }
}
