package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.botfleet.analytics.EventArchiver;
import io.botfleet.analytics.EventBatch;
import io.botfleet.analytics.EventBatchJson;
import io.botfleet.analytics.StatsAggregator;
import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.shared.aws.AwsClientFactory;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.logging.EmbeddedMetrics;
import io.botfleet.webhook.AcceptedUpdate;
import io.botfleet.webhook.AcceptedUpdateApplier;
import io.botfleet.webhook.BotEventsJson;
import io.botfleet.webhook.DynamoAcceptedUpdates;
import io.botfleet.webhook.DynamoParkedUpdates;
import io.botfleet.webhook.DynamoSubscriberRefresh;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The accepted updates' stream consumer: the ephemeral table's stream (new images of {@code UPD#} items, filtered by
 * the event source) in, the updates applied ({@link AcceptedUpdateApplier}: fence, first contact, refresh) and their
 * events counted and archived as the aggregator does for the events queue. A record that cannot be read, or whose
 * writes failed, is reported by its sequence number: Lambda delivers the stream again from there (everything here is
 * safe to repeat) and, after the retries, sends the batch's description to the on-failure queue. The webhook writes
 * no metrics line for an update it recorded; this writes {@code UpdatesReceived}/{@code UpdatesAccepted} (and
 * {@code UpdatesFenced}) per bot, one line per bot and batch.
 */
public final class UpdateStreamFunction implements Function<DynamodbEvent, StreamsEventResponse> {
    private static final Logger log = LoggerFactory.getLogger(UpdateStreamFunction.class);

    private final AcceptedUpdateApplier applier;
    private final StatsAggregator aggregator;
    private final EventArchiver archiver;
    private final EmbeddedMetrics metrics;

    public UpdateStreamFunction(AcceptedUpdateApplier applier, StatsAggregator aggregator, EventArchiver archiver, EmbeddedMetrics metrics) {
        this.applier = applier;
        this.aggregator = aggregator;
        this.archiver = archiver;
        this.metrics = metrics;
    }

    /** From the function's environment: the tables, STATS_* retention, EVENT_ARCHIVE_BUCKET. */
    public static UpdateStreamFunction fromEnv(Env env, ExecutionInterceptor... interceptors) {
        PlatformConfig config = PlatformConfig.from(env);
        AwsClientFactory aws = new AwsClientFactory(env, config, interceptors);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        Clock clock = Clock.systemUTC();
        return new UpdateStreamFunction(new AcceptedUpdateApplier(new DynamoLeaseStore(dynamoDb, config.tables().bots()),
                new DynamoSubscriberRefresh(dynamoDb, config.tables().bots(), config.tables().subscribers()),
                new DynamoParkedUpdates(dynamoDb, config.tables().deliveries(), clock), clock),
                new StatsAggregator(AggregatorFunction.statsStore(env, dynamoDb)),
                new EventArchiver(AggregatorFunction.archiveBucket(env, aws.s3())),
                new EmbeddedMetrics(PlatformConfig.metricsNamespace(env), clock));
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        Set<String> failed = new LinkedHashSet<>();
        List<AcceptedUpdate> updates = new ArrayList<>();
        Map<AcceptedUpdate, String> sequence = new IdentityHashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String seq = record.getDynamodb().getSequenceNumber();
            if (!DynamoAcceptedUpdates.isAcceptedUpdate(StreamImages.item(record.getDynamodb().getKeys()))
                    || record.getDynamodb().getNewImage() == null) {
                continue; // not an accepted update (the event source's filter keeps these out)
            }
            try {
                AcceptedUpdate u = DynamoAcceptedUpdates.read(StreamImages.item(record.getDynamodb().getNewImage()));
                updates.add(u);
                sequence.put(u, seq);
            } catch (RuntimeException e) {
                log.error("record {} is not an accepted update: {}", seq, e.getMessage());
                failed.add(seq);
            }
        }
        AcceptedUpdateApplier.Result result = applier.apply(updates);
        result.failed().forEach(u -> failed.add(sequence.get(u)));
        List<StatsAggregator.Delivery> deliveries = new ArrayList<>();
        List<EventArchiver.Delivery> raw = new ArrayList<>();
        for (AcceptedUpdateApplier.Applied applied : result.applied()) {
            String seq = sequence.get(applied.update());
            if (!applied.events().isEmpty()) {
                EventBatch batch = EventBatchJson.batch(BotEventsJson.body(applied.events()));
                deliveries.add(new StatsAggregator.Delivery(seq, batch.counted()));
                raw.add(new EventArchiver.Delivery(seq, batch.archived()));
            }
        }
        // both are safe to repeat, so a record that failed either is delivered again whole
        failed.addAll(aggregator.aggregate(deliveries));
        failed.addAll(archiver.archive(raw));
        count(result, failed, sequence);
        return new StreamsEventResponse(failed.stream().map(StreamsEventResponse.BatchItemFailure::new).toList());
    }

    private void count(AcceptedUpdateApplier.Result result, Set<String> failed, Map<AcceptedUpdate, String> sequence) {
        Map<String, Map<String, Long>> byBot = new LinkedHashMap<>();
        for (AcceptedUpdateApplier.Applied a : result.applied()) {
            if (!failed.contains(sequence.get(a.update()))) {
                add(byBot, a.update().botId(), "UpdatesAccepted");
            }
        }
        result.fenced().forEach(u -> add(byBot, u.botId(), "UpdatesFenced"));
        byBot.forEach(metrics::count);
    }

    private static void add(Map<String, Map<String, Long>> byBot, String botId, String name) {
        Map<String, Long> counts = byBot.computeIfAbsent(botId, b -> new LinkedHashMap<>());
        counts.merge("UpdatesReceived", 1L, Long::sum);
        counts.merge(name, 1L, Long::sum);
    }
}
