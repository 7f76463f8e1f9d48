package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.analytics.DynamoStatsStore;
import io.botfleet.analytics.EventBatchJson;
import io.botfleet.analytics.StatsAggregator;
import io.botfleet.deadletters.FailureReason;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The analytics aggregator: a batch of events-queue messages in, per-bot counters out (see {@link StatsAggregator}).
 * A message that is not an events message, or whose bot's counters could not be written, is reported failed: SQS
 * delivers it again (its events are counted once whatever the number of deliveries) and in the end to EventsDlq.
 */
public final class AggregatorFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(AggregatorFunction.class);

    private final StatsAggregator aggregator;
    private final DeadLetterReasons reasons;

    public AggregatorFunction(StatsAggregator aggregator, DeadLetterReasons reasons) {
        this.aggregator = aggregator;
        this.reasons = reasons;
    }

    /** From the function's environment: STATS_TABLE, STATS_HOURLY_RETENTION_DAYS, STATS_DAILY_RETENTION_DAYS (0: kept). */
    public static AggregatorFunction fromEnv(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        return new AggregatorFunction(new StatsAggregator(statsStore(env, dynamoDb)),
                DeadLetterReasons.create(config, aws.sqs(), dynamoDb, Clock.systemUTC()));
    }

    /** The stats table as the aggregator, the API and the senders use it. */
    public static DynamoStatsStore statsStore(Env env, DynamoDbClient dynamoDb) {
        long daily = Long.parseLong(env.orDefault("STATS_DAILY_RETENTION_DAYS", "0"));
        return new DynamoStatsStore(dynamoDb, env.required("STATS_TABLE"),
                Duration.ofDays(Long.parseLong(env.orDefault("STATS_HOURLY_RETENTION_DAYS", "90"))),
                daily > 0 ? Optional.of(Duration.ofDays(daily)) : Optional.empty());
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<StatsAggregator.Delivery> deliveries = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, SQSEvent.SQSMessage> byId = new HashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            byId.put(message.getMessageId(), message);
            try {
                deliveries.add(new StatsAggregator.Delivery(message.getMessageId(), EventBatchJson.read(message.getBody())));
            } catch (RuntimeException e) {
                log.error("message {} is not an events message: {}", message.getMessageId(), e.getMessage());
                reasons.failed(message, "not an events message: " + FailureReason.describe(e));
                failed.add(message.getMessageId());
            }
        }
        for (String id : aggregator.aggregate(deliveries)) {
            reasons.failed(byId.get(id), "the bot's counters could not be written (the aggregator's log has the error)");
            failed.add(id);
        }
        log.info("{} messages folded, {} to retry", deliveries.size(), failed.size());
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
