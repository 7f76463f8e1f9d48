package io.botfleet.local.lambda.sources;

import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.Invoker;
import io.botfleet.local.lambda.events.SqsEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, locally: pollers receive up to BatchSize messages, invoke the function with
 * the event Lambda builds, and delete what succeeded. A failed invocation keeps the whole batch; with
 * ReportBatchItemFailures only the listed messages stay (an unknown or empty id keeps the batch, as Lambda does).
 * Kept messages come back after the queue's visibility timeout and move to the DLQ after maxReceiveCount: the
 * queue (ElasticMQ) does that part. FIFO order holds because the queue never hands out a message group that has
 * messages in flight.
 */
public final class SqsEventSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsEventSource.class);

    /**
     * One SQS event of a function in template.yaml. A BatchSize above 10 (one receive's most) is gathered over
     * several receives for up to {@code batchingWindow} (MaximumBatchingWindowInSeconds), as Lambda's pollers do.
     */
    public record Source(String functionId, String queueUrl, String queueArn, int batchSize,
                         boolean reportBatchItemFailures, int concurrency, java.time.Duration batchingWindow) {

        public Source(String functionId, String queueUrl, String queueArn, int batchSize, boolean reportBatchItemFailures,
                      int concurrency) {
            this(functionId, queueUrl, queueArn, batchSize, reportBatchItemFailures, concurrency, java.time.Duration.ZERO);
        }
    }

    private final SqsClient sqs;
    private final Source source;
    private final Invoker function;
    private final ExecutorService pollers;
    private final AtomicLong invocations = new AtomicLong();
    private volatile boolean running = true;

    public SqsEventSource(SqsClient sqs, Source source, Invoker function) {
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        this.pollers = Executors.newFixedThreadPool(source.concurrency(), Thread.ofPlatform()
                .name("sqs-" + source.functionId() + "-", 0).daemon(true).factory());
    }

    public SqsEventSource start() {
        for (int i = 0; i < source.concurrency(); i++) {
            pollers.submit(this::pollLoop);
        }
        return this;
    }

    public long invocations() {
        return invocations.get();
    }

    private void pollLoop() {
        while (running) {
            try {
                List<Message> messages = new ArrayList<>(receive(source.batchSize()));
                long windowEnds = System.nanoTime() + source.batchingWindow().toNanos();
                while (!messages.isEmpty() && messages.size() < source.batchSize() && System.nanoTime() < windowEnds && running) {
                    messages.addAll(receive(source.batchSize() - messages.size()));
                }
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("poller of {} failed; retrying", source.functionId(), e);
                    sleep(500);
                }
            }
        }
    }

    private List<Message> receive(int atMost) {
        return sqs.receiveMessage(b -> b.queueUrl(source.queueUrl())
                .maxNumberOfMessages(Math.min(10, atMost))
                .waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    void deliver(List<Message> messages) {
        invocations.incrementAndGet();
        Invocation invocation = function.invoke(SqsEvents.event(messages, source.queueArn(), "us-east-1"));
        if (invocation.failed()) {
            log.warn("{} failed a batch of {}; the messages return after the visibility timeout: {}",
                    source.functionId(), messages.size(), invocation.payloadText());
        }
        Set<String> failed = SqsEvents.failedIds(invocation, messages, source.reportBatchItemFailures());
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        // a delete takes at most 10 entries; a gathered batch may hold more
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + 10));
            sqs.deleteMessageBatch(b -> b.queueUrl(source.queueUrl()).entries(chunk));
        }
    }

    /** A poller's pause; an interrupt (the source closing) ends it early. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.shutdown();
        try {
            pollers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
