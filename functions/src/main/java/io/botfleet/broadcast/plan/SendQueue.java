package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.send.SendBatch;
import java.util.List;

/**
 * The FIFO send queues, one message group per bot, so exactly one sender paces a bot at a time: one queue for the
 * free rate and one for paid broadcasts, each consumed by a sender sized for its rate.
 */
public interface SendQueue {

    /**
     * @param attempt 0 for the plan, n for the n-th re-enqueue (resume, redrive): part of the deduplication id
     * @param paid    the campaign sends with {@code allow_paid_broadcast}
     */
    void enqueue(List<SendBatch> batches, int attempt, boolean paid);
}
