package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Chooses when a send batch that the sender reports failed comes back: its visibility timeout is changed before the
 * invocation answers (a failed item stays invisible for whatever timeout it has, the queue's 12 minutes by default).
 * Needs {@code sqs:ChangeMessageVisibility} on the send queues (template.yaml).
 */
final class SqsRedelivery {
    private static final Logger log = LoggerFactory.getLogger(SqsRedelivery.class);
    /** SQS's limit. */
    static final long MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

    private final SqsClient sqs;
    private final QueueUrls queueUrls;

    SqsRedelivery(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = new QueueUrls(queueUrls);
    }

    /**
     * Makes {@code messages} visible again after {@code delay} (rounded up to whole seconds). A failure is logged
     * and swallowed: the messages are reported failed either way and come back after the queue's timeout.
     */
    void visibleAfter(List<SQSEvent.SQSMessage> messages, Duration delay) {
        long seconds = Math.min(MAX_VISIBILITY_SECONDS, (delay.toMillis() + 999) / 1000);
        Map<String, List<SQSEvent.SQSMessage>> byQueue = new LinkedHashMap<>();
        messages.forEach(m -> byQueue.computeIfAbsent(m.getEventSourceArn(), k -> new ArrayList<>()).add(m));
        byQueue.forEach((arn, list) -> {
            String url = queueUrls.forArn(arn).orElse(null);
            if (url == null) {
                log.warn("no queue URL known for {}; {} messages come back after the queue's visibility timeout", arn, list.size());
                return;
            }
            List<ChangeMessageVisibilityBatchRequestEntry> entries = list.stream()
                    .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.getMessageId())
                            .receiptHandle(m.getReceiptHandle()).visibilityTimeout((int) seconds).build())
                    .toList();
            try {
                var failed = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries)).failed();
                if (!failed.isEmpty()) {
                    log.warn("{} of {} messages keep the queue's visibility timeout: {}", failed.size(), entries.size(),
                            failed.getFirst().message());
                }
            } catch (RuntimeException e) {
                log.error("could not set when {} messages come back; they return after the queue's visibility timeout",
                        entries.size(), e);
            }
        });
    }
}
