package io.botfleet.broadcast.send;

import java.util.List;

/**
 * One SQS message of the send queue: up to {@link #MAX_RECIPIENTS} recipients of one campaign on one bot. It is
 * also the unit of the delivery ledger (one item per batch), which bounds that item far below DynamoDB's limit.
 * Batches are sized to the rate ({@link #sizeFor}): a paid batch is about a second of sending at 1,000/s, a free one
 * about three at 30/s, so a message, its receive, delete and ledger writes each cover about as much time.
 */
public record SendBatch(String campaignId, String botId, int batchNo, List<Long> recipients) {
    public static final int MAX_RECIPIENTS = 1_000;
    /** Recipients of a free-rate batch. */
    public static final int FREE_RECIPIENTS = 100;

    /** How many recipients the planner puts into a batch of a paid or a free-rate campaign. */
    public static int sizeFor(boolean paid) {
        return paid ? MAX_RECIPIENTS : FREE_RECIPIENTS;
    }

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
