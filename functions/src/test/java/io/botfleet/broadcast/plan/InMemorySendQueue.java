package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.send.SendBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The send queues in memory, with SQS FIFO's deduplication as SqsSendQueue uses it: a batch whose deduplication id
 * (with the attempt, after the first) was enqueued in the last five minutes is dropped.
 */
public final class InMemorySendQueue implements SendQueue {
    static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(5);

    /** A batch that was accepted, on the free or the paid queue. */
    public record Queued(SendBatch batch, int attempt, boolean paid) {}

    private final Clock clock;
    private final List<Queued> queued = new ArrayList<>();
    private final Map<String, Instant> seen = new HashMap<>();

    public InMemorySendQueue(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void enqueue(List<SendBatch> batches, int attempt, boolean paid) {
        Instant now = clock.instant();
        for (SendBatch batch : batches) {
            String deduplicationId = batch.deduplicationId() + (attempt == 0 ? "" : "#r" + attempt);
            Instant first = seen.get(deduplicationId);
            if (first == null || !now.isBefore(first.plus(DEDUPLICATION_WINDOW))) {
                seen.put(deduplicationId, now);
                queued.add(new Queued(batch, attempt, paid));
            }
        }
    }

    /** Everything accepted so far, in order. */
    public synchronized List<Queued> queued() {
        return List.copyOf(queued);
    }

    public synchronized List<SendBatch> batches() {
        return queued.stream().map(Queued::batch).toList();
    }
}
