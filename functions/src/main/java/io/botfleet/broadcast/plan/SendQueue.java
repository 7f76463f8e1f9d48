package io.botfleet.broadcast.plan;

import io.botfleet.broadcast.send.SendBatch;
import java.util.List;

/** The FIFO send queue: one message group per bot, so exactly one sender paces a bot at a time. */
public interface SendQueue {

    /** @param attempt 0 for the plan, n for the n-th re-enqueue (resume, redrive): part of the deduplication id */
    void enqueue(List<SendBatch> batches, int attempt);
}
