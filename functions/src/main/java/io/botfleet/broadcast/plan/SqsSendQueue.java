package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.send.SendBatch;
import io.botfleet.broadcast.send.SendBatchJson;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The FIFO send queues through SendMessageBatch, ten messages per request. A free-rate message is one batch (100
 * recipients, about 3 s of sending at 30/s); a paid one holds {@link #PAID_BATCHES_PER_MESSAGE} batches (1,000
 * recipients, about 1 s at 1,000/s, ≈ 15 KB of the 256 KB a message and a request may carry), so a paid broadcast
 * costs a tenth of the queue requests, and the sender a tenth of the receives and deletes.
 */
public final class SqsSendQueue implements SendQueue {
    static final int PAID_BATCHES_PER_MESSAGE = 10;

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
        int perMessage = paid ? PAID_BATCHES_PER_MESSAGE : 1;
        List<List<SendBatch>> messages = new ArrayList<>();
        for (int from = 0; from < batches.size(); from += perMessage) {
            messages.add(batches.subList(from, Math.min(batches.size(), from + perMessage)));
        }
        for (int from = 0; from < messages.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (List<SendBatch> message : messages.subList(from, Math.min(messages.size(), from + 10))) {
                SendBatch first = message.getFirst();
                // the same page is grouped the same way when planned again: SQS drops the repeat within its window
                String deduplicationId = first.deduplicationId()
                        + (message.size() == 1 ? "" : "-" + message.getLast().batchNo());
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id("b" + first.batchNo())
                        .messageBody(SendBatchJson.encode(message))
                        .messageGroupId(first.botId())
                        .messageDeduplicationId(deduplicationId + (attempt == 0 ? "" : "#r" + attempt))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                // the planner's caller retries the whole page; SQS deduplicates what did go through
                throw new IllegalStateException("SQS refused " + response.failed().size() + " send messages: "
                        + response.failed().getFirst().code());
            }
        }
    }
}
