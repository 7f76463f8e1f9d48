package io.botfleet.broadcast.send;

import java.util.Optional;

/** Where ledger chunks live. Writes are checkpoints of a whole chunk; a chunk is written by one sender at a time. */
public interface DeliveryLedger {

    Optional<LedgerChunk> load(SendBatch batch);

    /** The chunks of several batches in one read; batches without a chunk are absent from the result. */
    java.util.Map<SendBatch, LedgerChunk> loadAll(java.util.List<SendBatch> batches);

    void save(LedgerChunk chunk);

    /**
     * Saves a chunk whose every recipient has a final outcome and, in the same transaction, adds its outcomes to the
     * campaign's counters — exactly once, however often the batch is delivered or the sender dies.
     *
     * @return false if the chunk had been counted before (nothing changed)
     */
    boolean saveCompleted(LedgerChunk chunk);

    /** Saves several chunks in as few requests as the store allows (the end of a delivery). */
    void saveAll(java.util.List<LedgerChunk> chunks);

    /** One page of a campaign's chunks in batch order; {@code cursor} null = from the first batch. */
    Page page(String campaignId, String cursor, int limit);

    record Page(java.util.List<LedgerChunk> chunks, String nextCursor) {}
}
