package io.botfleet.broadcast.send;

import java.util.Optional;

/** Where ledger chunks live. Writes are checkpoints of a whole chunk; a chunk is written by one sender at a time. */
public interface DeliveryLedger {

    Optional<LedgerChunk> load(SendBatch batch);

    /** The chunks of several batches in one read; batches without a chunk are absent from the result. */
    java.util.Map<SendBatch, LedgerChunk> loadAll(java.util.List<SendBatch> batches);

    void save(LedgerChunk chunk);

    /**
     * Saves a chunk and, in the same transaction, adds to the campaign's counters every final outcome they do not
     * have yet (and the batch to {@code batchesDone} once every recipient has one) — exactly once, however often the
     * batch is delivered, paused or its sender dies: the write is conditioned on the count the chunk was read with.
     * A chunk with nothing new to count is just saved.
     *
     * @return true if this call counted the batch as done (false: not complete, or counted before)
     */
    boolean saveCounted(LedgerChunk chunk);

    /** Saves several chunks in as few requests as the store allows (the end of a delivery). */
    void saveAll(java.util.List<LedgerChunk> chunks);

    /** One page of a campaign's chunks in batch order; {@code cursor} null = from the first batch. */
    Page page(String campaignId, String cursor, int limit);

    record Page(java.util.List<LedgerChunk> chunks, String nextCursor) {}
}
