package io.botfleet.runner;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Lambda's SQS event source mapping, locally: pollers receive up to BatchSize messages, invoke the function, and
 * delete what succeeded. A thrown error fails the whole batch; with ReportBatchItemFailures only the listed
 * messages stay (an unknown or empty id fails the batch, as Lambda does). Failed messages come back after the
 * queue's visibility timeout and move to the DLQ after maxReceiveCount: the queue (ElasticMQ) does that part.
 * FIFO ordering holds because the queue never hands out a message group that has messages in flight.
 */
public final class SqsEventSourcePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsEventSourcePoller.class);

    /** One SQS event of a function in template.yaml. */
    public record Source(String queueUrl, String queueArn, int batchSize, boolean reportBatchItemFailures, int concurrency) {}

    private final SqsClient sqs;
    private final Source source;
    private final HostedFunction function;
    private final ExecutorService pollers;
    private final AtomicLong invocations = new AtomicLong();
    private volatile boolean running = true;

    public SqsEventSourcePoller(SqsClient sqs, Source source, HostedFunction function) {
        this.sqs = sqs;
        this.source = source;
        this.function = function;
        this.pollers = Executors.newFixedThreadPool(source.concurrency(), Thread.ofPlatform()
                .name("sqs-" + function.logicalId() + "-", 0).daemon(true).factory());
    }

    public SqsEventSourcePoller start() {
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
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(source.queueUrl())
                        .maxNumberOfMessages(Math.min(10, source.batchSize()))
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("poller of {} failed; retrying", function.logicalId(), e);
                    sleep(500);
                }
            }
        }
    }

    void deliver(List<Message> messages) {
        invocations.incrementAndGet();
        Set<String> failed;
        try {
            SQSBatchResponse response = function.invoke(toEvent(messages), SQSBatchResponse.class);
            failed = failedIds(messages, response);
        } catch (RuntimeException e) {
            log.warn("{} failed a batch of {}; the messages return after the visibility timeout",
                    function.logicalId(), messages.size(), e);
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message m : messages) {
            if (!failed.contains(m.messageId())) {
                done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(source.queueUrl()).entries(done));
        }
    }

    private Set<String> failedIds(List<Message> messages, SQSBatchResponse response) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        if (!source.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || id.isBlank() || !all.contains(id)) {
                log.warn("{} reported an invalid item id; the whole batch is retried, as on Lambda", function.logicalId());
                return all;
            }
            failed.add(id);
        }
        return failed;
    }

    private SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            m.messageAttributes().forEach((k, v) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType(v.dataType());
                a.setStringValue(v.stringValue());
                messageAttributes.put(k, a);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(source.queueArn());
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static void sleep(long millis) {
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
