package io.botfleet.broadcast;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves what landed in the send DLQ back to the send queue (SQS message move task). The ledger makes a redriven
 * batch send only to recipients without an outcome.
 */
public final class DeadLetterRedrive {
    private final SqsClient sqs;
    private final String dlqUrl;
    private final String queueUrl;

    public DeadLetterRedrive(SqsClient sqs, String dlqUrl, String queueUrl) {
        this.sqs = sqs;
        this.dlqUrl = dlqUrl;
        this.queueUrl = queueUrl;
    }

    public Map<String, Object> waiting() {
        String count = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return Map.of("queue", "send-dlq", "messages", Long.parseLong(count));
    }

    /** @return the move task's handle */
    public String redrive() {
        return sqs.startMessageMoveTask(b -> b.sourceArn(arn(dlqUrl)).destinationArn(arn(queueUrl))).taskHandle();
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
