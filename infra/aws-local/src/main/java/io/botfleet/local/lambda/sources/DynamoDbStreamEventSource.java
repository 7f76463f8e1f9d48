package io.botfleet.local.lambda.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's DynamoDB stream event source mapping, locally: a poller reads each shard of the stream in order
 * ({@code GetShardIterator}, {@code GetRecords}), drops the records the filter criteria do not pass, and invokes the
 * function with batches of at most BatchSize records, gathered for up to MaximumBatchingWindowInSeconds. A batch is
 * done when the invocation succeeds (with ReportBatchItemFailures: up to the lowest failed sequence number, the rest
 * is delivered again). A failing batch is split in two (BisectBatchOnFunctionError) and retried; after
 * MaximumRetryAttempts retries (-1: until the records expire) the batch's description — not its records — goes to
 * the OnFailure SQS destination, as Lambda sends it, and the shard moves on. Shards are read one at a time, so a
 * shard's order holds.
 */
public final class DynamoDbStreamEventSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynamoDbStreamEventSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofMillis(200);

    /**
     * One DynamoDB event of a function in template.yaml.
     *
     * @param functionArn       what the on-failure record names as the function
     * @param onFailureQueueUrl the OnFailure destination's queue, null without one
     */
    public record Source(String functionId, String functionArn, String streamArn, int batchSize, Duration batchingWindow,
                         String startingPosition, int maximumRetryAttempts, boolean bisectBatchOnFunctionError,
                         boolean reportBatchItemFailures, List<JsonNode> filters, String onFailureQueueUrl, String region) {}

    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final Source source;
    private final Invoker function;
    private final Thread poller;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final AtomicLong invocations = new AtomicLong();
    private volatile boolean running = true;

    public DynamoDbStreamEventSource(DynamoDbStreamsClient streams, SqsClient sqs, Source source, Invoker function) {
        this.streams = streams;
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        this.poller = Thread.ofPlatform().name("ddb-stream-" + source.functionId()).daemon(true).unstarted(this::pollLoop);
    }

    public DynamoDbStreamEventSource start() {
        // the starting position is where the mapping starts reading when it is created: now, for LATEST
        discoverShards();
        poller.start();
        return this;
    }

    public long invocations() {
        return invocations.get();
    }

    private void discoverShards() {
        List<Shard> shards = streams.describeStream(b -> b.streamArn(source.streamArn())).streamDescription().shards();
        for (Shard shard : shards) {
            if (!iterators.containsKey(shard.shardId())) {
                String iterator = streams.getShardIterator(b -> b.streamArn(source.streamArn()).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.fromValue(source.startingPosition()))).shardIterator();
                iterators.put(shard.shardId(), iterator);
            }
        }
    }

    private void pollLoop() {
        while (running) {
            try {
                boolean any = false;
                for (String shardId : List.copyOf(iterators.keySet())) {
                    any |= pollShard(shardId);
                }
                if (!any) {
                    SqsEventSource.sleep(IDLE.toMillis());
                    discoverShards();
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("stream poller of {} failed; retrying", source.functionId(), e);
                    SqsEventSource.sleep(500);
                }
            }
        }
    }

    /** Reads what the shard has (gathering up to a batch within the window) and delivers it; false when it had nothing. */
    private boolean pollShard(String shardId) {
        String iterator = iterators.get(shardId);
        if (iterator == null) {
            return false;
        }
        List<ObjectNode> pending = new ArrayList<>();
        long windowEnds = System.nanoTime() + source.batchingWindow().toNanos();
        boolean read = false;
        do {
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterators.get(shardId)).limit(1000));
            read |= !response.records().isEmpty();
            for (var r : response.records()) {
                ObjectNode record = DynamoDbStreamEvents.record(r, source.streamArn(), source.region());
                if (DynamoDbStreamEvents.passes(record, source.filters())) {
                    pending.add(record);
                }
            }
            iterators.put(shardId, response.nextShardIterator());
            if (response.nextShardIterator() == null || response.records().isEmpty()) {
                break;
            }
        } while (pending.size() < source.batchSize() && System.nanoTime() < windowEnds && running);
        for (int from = 0; from < pending.size(); from += source.batchSize()) {
            deliver(shardId, pending.subList(from, Math.min(pending.size(), from + source.batchSize())), 0);
        }
        return read;
    }

    /** Delivers a batch until it is done, split or given up on (then described to the on-failure destination). */
    private void deliver(String shardId, List<ObjectNode> batch, int retries) {
        while (!batch.isEmpty() && running) {
            invocations.incrementAndGet();
            Invocation invocation = function.invoke(DynamoDbStreamEvents.event(batch));
            List<String> sequenceNumbers = batch.stream().map(r -> r.path("dynamodb").path("SequenceNumber").asText()).toList();
            int resume = DynamoDbStreamEvents.resumeAt(invocation, sequenceNumbers, source.reportBatchItemFailures());
            if (resume >= batch.size()) {
                return;
            }
            if (invocation.failed()) {
                log.warn("{} failed a batch of {} stream records: {}", source.functionId(), batch.size(), invocation.payloadText());
            }
            batch = batch.subList(resume, batch.size());
            if (source.maximumRetryAttempts() >= 0 && retries >= source.maximumRetryAttempts()) {
                onFailure(shardId, batch, retries + 1);
                return;
            }
            retries++;
            if (source.bisectBatchOnFunctionError() && invocation.failed() && batch.size() > 1) {
                int half = batch.size() / 2;
                deliver(shardId, batch.subList(0, half), retries);
                deliver(shardId, batch.subList(half, batch.size()), retries);
                return;
            }
            SqsEventSource.sleep(Math.min(1000, 50L * retries));
        }
    }

    /** What Lambda sends to a stream mapping's on-failure destination: where the batch was, not the records. */
    private void onFailure(String shardId, List<ObjectNode> batch, int invokeCount) {
        log.warn("{}: giving up on {} stream records after {} invocations", source.functionId(), batch.size(), invokeCount);
        if (source.onFailureQueueUrl() == null) {
            return;
        }
        ObjectNode record = JSON.createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", source.functionArn());
        request.put("condition", "RetryAttemptsExhausted");
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "");
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.getFirst().path("dynamodb").path("SequenceNumber").asText());
        info.put("endSequenceNumber", batch.getLast().path("dynamodb").path("SequenceNumber").asText());
        info.put("approximateArrivalOfFirstRecord", arrival(batch.getFirst()));
        info.put("approximateArrivalOfLastRecord", arrival(batch.getLast()));
        info.put("batchSize", batch.size());
        info.put("streamArn", source.streamArn());
        sqs.sendMessage(b -> b.queueUrl(source.onFailureQueueUrl()).messageBody(record.toString()));
    }

    private static String arrival(JsonNode record) {
        return Instant.ofEpochSecond(record.path("dynamodb").path("ApproximateCreationDateTime").asLong()).toString();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
