package io.botfleet.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The dead-letter queues over SQS, by receive, then send/delete or release: no message-move task, so a FIFO message
 * keeps its group and behaves the same on every SQS implementation.
 *
 * <p>A look receives with a short visibility timeout and then makes what it saw visible again at once. On a FIFO
 * dead-letter queue a receive hands out only the first waiting message of each group (bot) while it is held, so a look
 * shows one message per group and a message behind its group's first cannot be acted on alone until that one is
 * redriven or discarded ("all" reaches every message). Redriven FIFO messages keep their group and get a new
 * deduplication id, or the source queue would drop them as repeats of the originals.
 */
public final class SqsDeadLetterQueues implements DeadLetterQueues {
    /** A queue with a dead-letter queue: where its messages go back to, and where they wait. */
    public record Pair(String sourceUrl, String dlqUrl) {}

    /** Long enough to finish a look or a move of ten; what is held longer than a call is released by SQS itself. */
    static final int HOLD_SECONDS = 30;
    /** One call moves at most this many, so it ends within the API's timeout; the count says if more wait. */
    static final int MAX_PER_CALL = 1000;

    private final SqsClient sqs;
    private final Map<String, Pair> queues;

    public SqsDeadLetterQueues(SqsClient sqs, Map<String, Pair> queues) {
        this.sqs = sqs;
        this.queues = new LinkedHashMap<>(queues);
    }

    /**
     * The queues as template.yaml gives them to the API (DEAD_LETTER_QUEUES): {@code <id> <queue URL> <dlq URL>}
     * entries separated by commas.
     */
    public static Map<String, Pair> parse(String spec) {
        Map<String, Pair> out = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split("\\s+");
            if (parts.length != 3 || !parts[0].matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IllegalArgumentException("DEAD_LETTER_QUEUES entries are '<id> <queue URL> <dlq URL>', not: " + entry);
            }
            out.put(parts[0], new Pair(parts[1], parts[2]));
        }
        return out;
    }

    @Override
    public List<String> ids() {
        return List.copyOf(queues.keySet());
    }

    @Override
    public long count(String queue) {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(pair(queue).dlqUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    @Override
    public List<DeadMessage> peek(String queue, int max) {
        String dlq = pair(queue).dlqUrl();
        List<Message> seen = new ArrayList<>();
        try {
            while (seen.size() < max) {
                List<Message> batch = receive(dlq, Math.min(10, max - seen.size()));
                if (batch.isEmpty()) {
                    break;
                }
                seen.addAll(batch);
            }
        } finally {
            release(dlq, seen);
        }
        return seen.stream().map(SqsDeadLetterQueues::deadMessage).toList();
    }

    @Override
    public List<String> redrive(String queue, Optional<String> messageId) {
        Pair pair = pair(queue);
        return take(pair.dlqUrl(), messageId, messages -> {
            List<SendMessageBatchRequestEntry> entries = messages.stream().map(m -> {
                var entry = SendMessageBatchRequestEntry.builder().id(m.messageId()).messageBody(m.body())
                        .messageAttributes(m.messageAttributes());
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                if (group != null) {
                    entry.messageGroupId(group).messageDeduplicationId("redrive-" + UUID.randomUUID());
                }
                return entry.build();
            }).toList();
            var sent = sqs.sendMessageBatch(b -> b.queueUrl(pair.sourceUrl()).entries(entries));
            // what could not be sent stays in the dead-letter queue (visible again after the hold): nothing is lost
            return messages.stream().filter(m -> sent.successful().stream().anyMatch(ok -> ok.id().equals(m.messageId()))).toList();
        });
    }

    @Override
    public List<String> discard(String queue, Optional<String> messageId) {
        return take(pair(queue).dlqUrl(), messageId, messages -> messages);
    }

    /**
     * Receives from the dead-letter queue, hands the chosen messages (all, or the one named) to {@code act}, deletes
     * the ones it says are done, and releases the rest it received.
     */
    private List<String> take(String dlq, Optional<String> messageId, Function<List<Message>, List<Message>> act) {
        List<String> done = new ArrayList<>();
        List<Message> passedOver = new ArrayList<>();
        try {
            while (done.size() < MAX_PER_CALL) {
                List<Message> batch = receive(dlq, 10);
                if (batch.isEmpty()) {
                    return done;
                }
                List<Message> chosen = messageId.map(id -> batch.stream().filter(m -> m.messageId().equals(id)).toList())
                        .orElse(batch);
                batch.stream().filter(m -> !chosen.contains(m)).forEach(passedOver::add);
                if (chosen.isEmpty()) {
                    continue;
                }
                List<Message> acted = act.apply(chosen);
                if (!acted.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(dlq).entries(acted.stream().map(m -> DeleteMessageBatchRequestEntry
                            .builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
                    acted.forEach(m -> done.add(m.messageId()));
                }
                if (messageId.isPresent() || acted.size() < chosen.size()) {
                    return done;
                }
            }
            return done;
        } finally {
            release(dlq, passedOver);
        }
    }

    private List<Message> receive(String dlq, int atMost) {
        // a one-second wait asks every SQS server, so a short queue is not reported empty by a sampled poll
        return sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(atMost).waitTimeSeconds(1)
                .visibilityTimeout(HOLD_SECONDS).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Makes held messages visible again now instead of after the hold. */
    private void release(String dlq, List<Message> held) {
        for (int from = 0; from < held.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = held.subList(from, Math.min(held.size(), from + 10))
                    .stream().map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build()).toList();
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlq).entries(entries));
        }
    }

    private Pair pair(String queue) {
        Pair pair = queues.get(queue);
        if (pair == null) {
            throw new IllegalArgumentException("no queue " + queue);
        }
        return pair;
    }

    private static DeadMessage deadMessage(Message m) {
        return new DeadMessage(m.messageId(), m.body(),
                Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0")),
                millis(m, MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP),
                millis(m, MessageSystemAttributeName.SENT_TIMESTAMP));
    }

    private static Optional<Instant> millis(Message m, MessageSystemAttributeName name) {
        return Optional.ofNullable(m.attributes().get(name)).map(v -> Instant.ofEpochMilli(Long.parseLong(v)));
    }
}
