package io.botfleet;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
 * Every function of the deployment artifact, by the name template.yaml uses for it: Spring Cloud Function beans by
 * their definition name, plain stream handlers by class. Spring registers the beans from here, and the local runner
 * hosts the same objects, so what runs locally is what runs on Lambda.
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

    /** Plain handlers (no Spring) for the hot paths, keyed by their class name as in template.yaml's Handler. */
    public static Map<String, Function<Env, RequestStreamHandler>> streamHandlers() {
        return Map.of(
                io.botfleet.webhook.WebhookHandler.class.getName(), io.botfleet.webhook.WebhookHandler::new);
    }
}
