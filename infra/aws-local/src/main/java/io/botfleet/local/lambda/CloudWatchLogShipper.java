package io.botfleet.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * What the Lambda service does with a function's output: every line becomes a CloudWatch Logs event in the
 * function's log group, in a stream per execution environment ({@code 2026/11/30/[$LATEST]<32 hex>}), sent in
 * batches in the background with the function role's credentials. Shipping never blocks or fails a function: lines
 * wait in a bounded queue (the oldest are dropped when it is full) and a batch CloudWatch Logs refuses is dropped
 * with a warning.
 */
public final class CloudWatchLogShipper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CloudWatchLogShipper.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** PutLogEvents' limits: 10,000 events, 1,048,576 bytes counting 26 bytes per event; 256 KB per event. */
    static final int MAX_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int MAX_EVENT_BYTES = 256 * 1024 - 26;
    private static final int QUEUE_LIMIT = 100_000;
    private static final Duration LINGER = Duration.ofMillis(500);

    /** Where a stream's events go and who writes them. */
    public record Stream(String function, String group, String name) {}

    private record Line(Stream stream, long timestamp, String message) {}

    private final Function<String, CloudWatchLogsClient> clientByFunction;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<Stream, Long> lastTimestamp = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread worker;
    private volatile boolean closed;

    /** @param clientByFunction a CloudWatch Logs client signed with the function's role, by logical id */
    public CloudWatchLogShipper(Function<String, CloudWatchLogsClient> clientByFunction) {
        this.clientByFunction = clientByFunction;
        this.worker = Thread.ofVirtual().name("cloudwatch-logs-shipper").start(this::run);
    }

    /** A new stream of {@code group}, named as Lambda names an execution environment's stream. */
    public static Stream newStream(String function, String group) {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return new Stream(function, group, LocalDate.now(ZoneOffset.UTC).format(DAY) + "/[$LATEST]" + HexFormat.of().formatHex(id));
    }

    /** Queues one line; never blocks. Timestamps within a stream never go back (PutLogEvents needs them in order). */
    public void ship(Stream stream, String line) {
        if (closed) {
            return;
        }
        long now = System.currentTimeMillis();
        long at = lastTimestamp.merge(stream, now, Math::max);
        if (queue.size() >= QUEUE_LIMIT) {
            queue.poll();
            dropped.incrementAndGet();
        }
        queue.offer(new Line(stream, at, truncate(line)));
    }

    /** Waits (up to {@code limit}) until every line queued before this call has been sent. */
    public void flush(Duration limit) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.offer(done);
        try {
            done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("log lines not all shipped to CloudWatch Logs within {}: {}", limit, e.toString());
        }
    }

    /** Lines dropped because the queue was full or CloudWatch Logs refused their batch. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<Line> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Object first = queue.poll(LINGER.toMillis(), TimeUnit.MILLISECONDS);
                List<CompletableFuture<?>> waiting = new ArrayList<>();
                long deadline = System.nanoTime() + LINGER.toNanos();
                for (Object item = first; item != null; ) {
                    if (item instanceof Line l) {
                        batch.add(l);
                    } else if (item instanceof CompletableFuture<?> f) {
                        waiting.add(f);
                        break;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (batch.size() >= MAX_EVENTS || remaining <= 0) {
                        break;
                    }
                    item = queue.poll(remaining, TimeUnit.NANOSECONDS);
                }
                send(batch);
                batch.clear();
                waiting.forEach(f -> f.complete(null));
            } catch (InterruptedException e) {
                if (closed) {
                    send(batch);
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("shipping log lines failed", e);
                batch.clear();
            }
        }
    }

    private void send(List<Line> lines) {
        Map<Stream, List<InputLogEvent>> byStream = new LinkedHashMap<>();
        Map<Stream, Integer> bytes = new LinkedHashMap<>();
        for (Line line : lines) {
            int size = line.message().getBytes(StandardCharsets.UTF_8).length + 26;
            if (bytes.getOrDefault(line.stream(), 0) + size > MAX_BATCH_BYTES) {
                put(line.stream(), byStream.remove(line.stream()));
                bytes.remove(line.stream());
            }
            byStream.computeIfAbsent(line.stream(), s -> new ArrayList<>())
                    .add(InputLogEvent.builder().timestamp(line.timestamp()).message(line.message()).build());
            bytes.merge(line.stream(), size, Integer::sum);
        }
        byStream.forEach(this::put);
    }

    private void put(Stream stream, List<InputLogEvent> events) {
        if (events == null || events.isEmpty()) {
            return;
        }
        CloudWatchLogsClient logs = clientByFunction.apply(stream.function());
        try {
            try {
                logs.putLogEvents(b -> b.logGroupName(stream.group()).logStreamName(stream.name()).logEvents(events));
            } catch (ResourceNotFoundException e) {
                // a new environment's stream (or a group a reset emptied the emulator of): Lambda creates them first
                create(logs, stream);
                logs.putLogEvents(b -> b.logGroupName(stream.group()).logStreamName(stream.name()).logEvents(events));
            }
        } catch (RuntimeException e) {
            dropped.addAndGet(events.size());
            log.warn("CloudWatch Logs refused {} lines of {} ({}): {}", events.size(), stream.function(), stream.group(), e.toString());
        }
    }

    private static void create(CloudWatchLogsClient logs, Stream stream) {
        try {
            logs.createLogStream(b -> b.logGroupName(stream.group()).logStreamName(stream.name()));
        } catch (ResourceAlreadyExistsException e) {
            // another batch created it
        } catch (ResourceNotFoundException e) {
            logs.createLogGroup(b -> b.logGroupName(stream.group()));
            logs.createLogStream(b -> b.logGroupName(stream.group()).logStreamName(stream.name()));
        }
    }

    private static String truncate(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_EVENT_BYTES) {
            return line;
        }
        // Lambda cuts an oversized line at CloudWatch's event limit
        return new String(bytes, 0, MAX_EVENT_BYTES, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        flush(Duration.ofSeconds(5));
        closed = true;
        worker.interrupt();
    }
}
