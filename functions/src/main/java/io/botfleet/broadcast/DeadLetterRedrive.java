package io.botfleet.broadcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves what landed in the send DLQs back to their send queues (SQS message move tasks). The ledger makes a
 * redriven batch send only to recipients without an outcome.
 */
public final class DeadLetterRedrive {
    /** A dead-letter queue and the queue its messages go back to. */
    public record Pair(String dlqUrl, String queueUrl) {}

    private final SqsClient sqs;
    private final Map<String, Pair> pairs;

    public DeadLetterRedrive(SqsClient sqs, Map<String, Pair> pairs) {
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

    /** @return the move tasks' handles, one per dead-letter queue */
    public List<String> redrive() {
        List<String> handles = new ArrayList<>();
        pairs.values().forEach(pair -> handles.add(sqs.startMessageMoveTask(b -> b.sourceArn(arn(pair.dlqUrl()))
                .destinationArn(arn(pair.queueUrl()))).taskHandle()));
        return handles;
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
