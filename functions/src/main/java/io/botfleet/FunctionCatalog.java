package io.botfleet;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.botfleet.api.ApiFunction;
import io.botfleet.api.ApiWiring;
import io.botfleet.broadcast.BroadcastModule;
import io.botfleet.broadcast.send.SendSettings;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.shared.config.Env;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Spring Cloud Function beans of the deployment artifact, by the definition name template.yaml gives each
 * function (SPRING_CLOUD_FUNCTION_DEFINITION). Spring registers them from here; the webhook is a plain stream
 * handler named by its class in the template.
 */
public final class FunctionCatalog {
    private FunctionCatalog() {}

    /** A Spring Cloud Function bean: a {@code Function<I, O>} built from the function's environment. */
    public record SpringFunction(String name, Class<?> input, Class<?> output, Function<Env, Function<?, ?>> factory) {}

    public static List<SpringFunction> springFunctions() {
        return List.of(
                new SpringFunction("api", APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class,
                        env -> new ApiFunction(ApiWiring.create(env))),
                new SpringFunction("sender", SQSEvent.class, SQSBatchResponse.class, env -> BroadcastModule.fromEnv(env)
                        .senderFunction(SendSettings.DEFAULTS, BroadcastModule.senderBudget(env))),
                new SpringFunction("planner", SQSEvent.class, SQSBatchResponse.class,
                        env -> BroadcastModule.fromEnv(env).plannerFunction()),
                new SpringFunction("heartbeat", Map.class, io.botfleet.bots.BotHeartbeat.Report.class,
                        io.botfleet.bots.HeartbeatFunction::create));
    }
}
