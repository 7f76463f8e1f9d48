package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.broadcast.send.SendBatchJson;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The FIFO send queues through SendMessageBatch: ten batches (up to 1,000 recipients) per request. */
public final class SqsSendQueue implements SendQueue {
    private final SqsClient sqs;
    private final String freeQueueUrl;
    private final String paidQueueUrl;

    public SqsSendQueue(SqsClient sqs, String freeQueueUrl, String paidQueueUrl) {
        this.sqs = sqs;
        this.freeQueueUrl = freeQueueUrl;
        this.paidQueueUrl = paidQueueUrl;
    }

    @Override
    public void enqueue(List<SendBatch> batches, int attempt, boolean paid) {
        String queueUrl = paid ? paidQueueUrl : freeQueueUrl;
        for (int from = 0; from < batches.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (SendBatch batch : batches.subList(from, Math.min(batches.size(), from + 10))) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("b" + batch.batchNo())
                        .messageBody(SendBatchJson.encode(batch))
                        .messageGroupId(batch.botId())
                        .messageDeduplicationId(batch.deduplicationId() + (attempt == 0 ? "" : "#r" + attempt))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                // the planner's caller retries the whole page; SQS deduplicates what did go through
                throw new IllegalStateException("SQS refused " + response.failed().size() + " send batches: "
                        + response.failed().getFirst().code());
            }
        }
    }
}
