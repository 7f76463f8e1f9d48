package io.botfleet.broadcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Moves what landed in the send DLQs back to their send queues. The ledger makes a redriven batch send only to
 * recipients without an outcome. (A receive–send–delete loop rather than an SQS message move task: it keeps each
 * batch's message group and behaves the same on every SQS implementation.)
 */
public final class SqsDeadLetterRedrive {
    /** A dead-letter queue and the queue its messages go back to. */
    public record Pair(String dlqUrl, String queueUrl) {}

    private final SqsClient sqs;
    private final Map<String, Pair> pairs;

    public SqsDeadLetterRedrive(SqsClient sqs, Map<String, Pair> pairs) {
        this.sqs = sqs;
        this.pairs = new TreeMap<>(pairs);
    }

    public Map<String, Object> waiting() {
        Map<String, Long> byQueue = new LinkedHashMap<>();
        pairs.forEach((name, pair) -> byQueue.put(name, Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(pair.dlqUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))));
        return Map.of("queue", "send-dlq", "messages", byQueue.values().stream().mapToLong(Long::longValue).sum(),
                "byQueue", byQueue);
    }

    /**
     * Moves every batch waiting in the dead-letter queues back to its send queue, keeping its message group (bot)
     * and giving it a new deduplication id, so SQS does not drop it as a repeat of the original.
     *
     * @return batches moved, per queue
     */
    public Map<String, Integer> redrive() {
        Map<String, Integer> moved = new LinkedHashMap<>();
        pairs.forEach((name, pair) -> moved.put(name, move(pair)));
        return moved;
    }

    private int move(Pair pair) {
        int moved = 0;
        String suffix = "#redrive-" + System.currentTimeMillis();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(pair.dlqUrl()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return moved;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : messages) {
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                String dedup = m.attributes().getOrDefault(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, m.messageId());
                entries.add(SendMessageBatchRequestEntry.builder().id(m.messageId()).messageBody(m.body())
                        .messageGroupId(group).messageDeduplicationId(truncate(dedup + suffix)).build());
            }
            var sent = sqs.sendMessageBatch(b -> b.queueUrl(pair.queueUrl()).entries(entries));
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (var ok : sent.successful()) {
                messages.stream().filter(m -> m.messageId().equals(ok.id())).findFirst().ifPresent(m ->
                        done.add(DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()));
            }
            if (!done.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(pair.dlqUrl()).entries(done));
            }
            moved += done.size();
            if (!sent.failed().isEmpty()) {
                // what failed stays in the DLQ (visible again after its visibility timeout): nothing is lost
                return moved;
            }
        }
    }

    /** SQS deduplication ids are at most 128 characters. */
    private static String truncate(String id) {
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

}
