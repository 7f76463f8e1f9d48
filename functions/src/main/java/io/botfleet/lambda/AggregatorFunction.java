package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.analytics.AwsArchiveBucket;
import io.botfleet.analytics.DynamoStatsStore;
import io.botfleet.analytics.EventArchiver;
import io.botfleet.analytics.EventBatch;
import io.botfleet.analytics.EventBatchJson;
import io.botfleet.analytics.StatsAggregator;
import io.botfleet.deadletters.FailureReason;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The analytics aggregator: a batch of events-queue messages in, per-bot counters out (see {@link StatsAggregator})
 * and the raw events archived to S3 (see {@link EventArchiver}). It archives because it is the queue's one consumer
 * and has the batch parsed already. A message that is not an events message, whose bot's counters could not be
 * written or whose events could not be archived, is reported failed: SQS delivers it again (its events are counted
 * once whatever the number of deliveries; readers of the archive keep one copy per event) and in the end to EventsDlq.
 */
public final class AggregatorFunction implements Function<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(AggregatorFunction.class);

    private final StatsAggregator aggregator;
    private final EventArchiver archiver;
    private final DeadLetterReasons reasons;

    public AggregatorFunction(StatsAggregator aggregator, EventArchiver archiver, DeadLetterReasons reasons) {
        this.aggregator = aggregator;
        this.archiver = archiver;
        this.reasons = reasons;
    }

    /**
     * From the function's environment: STATS_TABLE, STATS_HOURLY_RETENTION_DAYS, STATS_DAILY_RETENTION_DAYS (0: kept),
     * EVENT_ARCHIVE_BUCKET.
     */
    public static AggregatorFunction fromEnv(Env env) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        return new AggregatorFunction(new StatsAggregator(statsStore(env, dynamoDb)),
                new EventArchiver(archiveBucket(env, aws.s3())),
                DeadLetterReasons.create(config, aws.sqs(), dynamoDb, Clock.systemUTC()));
    }

    /** The raw event archive, as the aggregator writes it and the API reads it. */
    public static AwsArchiveBucket archiveBucket(Env env, software.amazon.awssdk.services.s3.S3Client s3) {
        return new AwsArchiveBucket(s3, env.required("EVENT_ARCHIVE_BUCKET"));
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
        List<EventArchiver.Delivery> raw = new ArrayList<>();
        Set<String> failed = new LinkedHashSet<>();
        Map<String, SQSEvent.SQSMessage> byId = new HashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            byId.put(message.getMessageId(), message);
            try {
                EventBatch batch = EventBatchJson.batch(message.getBody());
                deliveries.add(new StatsAggregator.Delivery(message.getMessageId(), batch.counted()));
                raw.add(new EventArchiver.Delivery(message.getMessageId(), batch.archived()));
            } catch (RuntimeException e) {
                log.error("message {} is not an events message: {}", message.getMessageId(), e.getMessage());
                reasons.failed(message, "not an events message: " + FailureReason.describe(e));
                failed.add(message.getMessageId());
            }
        }
        // both are safe to repeat, so a message that failed either is retried whole
        for (String id : aggregator.aggregate(deliveries)) {
            reasons.failed(byId.get(id), "the bot's counters could not be written (the aggregator's log has the error)");
            failed.add(id);
        }
        for (String id : archiver.archive(raw)) {
            if (failed.add(id)) {
                reasons.failed(byId.get(id), "the raw events could not be archived (the aggregator's log has the error)");
            }
        }
        log.info("{} messages folded, {} to retry", deliveries.size(), failed.size());
        return new SQSBatchResponse(failed.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }
}
