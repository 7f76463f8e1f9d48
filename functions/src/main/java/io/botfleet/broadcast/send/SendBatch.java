package io.botfleet.broadcast.send;

import java.util.List;

/**
 * One SQS message of the send queue: up to {@link #MAX_RECIPIENTS} recipients of one campaign on one bot. It is
 * also the unit of the delivery ledger (one item per batch), which bounds that item far below DynamoDB's limit.
 */
public record SendBatch(String campaignId, String botId, int batchNo, List<Long> recipients) {
    public static final int MAX_RECIPIENTS = 100;

    public SendBatch {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a send batch has 1.." + MAX_RECIPIENTS + " recipients");
        }
    }

    /** SQS FIFO deduplication id: a re-planned batch is dropped by SQS within its window and by the ledger after. */
    public String deduplicationId() {
        return campaignId + "#" + batchNo;
    }
}
