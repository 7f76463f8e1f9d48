package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.botfleet.analytics.StatsDeliveryObserver;
import io.botfleet.broadcast.send.DeliveryObserver;
import io.botfleet.broadcast.send.SendSettings;
import io.botfleet.shared.aws.SqsEvents;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Lambda's entry for both sender functions (free rate and paid): an SQS FIFO event in, the partial batch response
 * out, everything else {@link SenderFunction}. A plain stream handler, not a Spring Cloud Function bean, for the
 * bill: at the free rate a sender spends its invocation waiting for the bot's pace and Lambda bills that wall time
 * by the function's memory size, which without Spring fits 128 MB (docs/cost.md).
 */
public final class SenderHandler implements RequestStreamHandler {
    private final SenderFunction sender;

    /** Lambda's entry: configuration from the process environment. */
    public SenderHandler() {
        this(Env.system());
    }

    public SenderHandler(Env env) {
        BroadcastModule broadcast = BroadcastModule.fromEnv(env);
        DeliveryObserver metrics = new PowertoolsDeliveryMetrics(PlatformConfig.metricsNamespace(env));
        DeliveryObserver stats = new StatsDeliveryObserver(AggregatorFunction.statsStore(env, broadcast.dynamoDb()),
                broadcast.clock());
        this.sender = broadcast.senderFunction(SendSettings.DEFAULTS, BroadcastModule.senderBudget(env),
                LiveWiring.withLiveProgress(env, broadcast, (botId, results) -> {
                    metrics.recorded(botId, results);
                    stats.recorded(botId, results);
                }));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.initializeLogging(context);
        try {
            SqsEvents.write(sender.apply(SqsEvents.read(input)), output);
        } finally {
            PowertoolsLogging.clearState(true);
        }
    }
}
