package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.botfleet.bots.BotHeartbeat;
import io.botfleet.shared.aws.LambdaEvents;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

/**
 * The Spring Cloud Function beans of the deployment artifact, by the definition name template.yaml gives each
 * function (SPRING_CLOUD_FUNCTION_DEFINITION). Spring registers them from here; the webhook, redirect and senders
 * are plain stream handlers named by their classes in the template. Every bean takes the raw event and binds it with {@link LambdaEvents}.
 */
public final class FunctionCatalog {
    private FunctionCatalog() {}

    /**
     * A Spring Cloud Function bean: {@code input} (the raw event; {@code Message<InputStream>} for a bean that needs
     * the Lambda context from the message headers) in, {@code output} out, built from the function's environment.
     */
    public record SpringFunction(String name, Type input, Class<?> output, Function<Env, Function<?, ?>> factory) {

        /** A bean that takes the raw event as a stream. */
        public SpringFunction(String name, Class<?> output, Function<Env, Function<InputStream, ?>> factory) {
            this(name, InputStream.class, output, factory::apply);
        }
    }

    public static List<SpringFunction> springFunctions() {
        return List.of(
                new SpringFunction("api", APIGatewayV2HTTPResponse.class, env -> LambdaEvents.bound(
                        APIGatewayV2HTTPEvent.class, new ApiFunction(ApiWiring.create(env)))),
                new SpringFunction("planner", SQSBatchResponse.class, env -> LambdaEvents.bound(SQSEvent.class,
                        BroadcastModule.fromEnv(env).plannerFunction(PlatformConfig.metricsNamespace(env)))),
                new SpringFunction("media", MediaFunction.Report.class, env -> LambdaEvents.bound(S3Event.class,
                        MediaModule.mediaFunction(env))),
                new SpringFunction("sweep", ScheduleSweepFunction.Report.class, env -> LambdaEvents.bound(ScheduledEvent.class,
                        SchedulingWiring.sweepFunction(env))),
                new SpringFunction("aggregator", SQSBatchResponse.class, env -> LambdaEvents.bound(SQSEvent.class,
                        AggregatorFunction.fromEnv(env))),
                new SpringFunction("updates", StreamsEventResponse.class, env -> LambdaEvents.bound(DynamodbEvent.class,
                        UpdateStreamFunction.fromEnv(env))),
                new SpringFunction("backup", SQSBatchResponse.class, env -> LambdaEvents.bound(SQSEvent.class,
                        BackupWiring.backupFunction(env))),
                new SpringFunction("live", APIGatewayV2WebSocketResponse.class, env -> LambdaEvents.bound(
                        APIGatewayV2WebSocketEvent.class, LiveWiring.liveFunction(env))),
                // the beat's deadline comes from the Lambda context: it takes the message, headers and all
                new SpringFunction("heartbeat", HeartbeatFunction.LAMBDA_INPUT, BotHeartbeat.Report.class,
                        env -> HeartbeatFunction.create(env).withLambdaContext()));
    }
}
