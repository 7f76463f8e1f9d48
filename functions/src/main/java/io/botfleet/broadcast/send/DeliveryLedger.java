package io.botfleet.broadcast.send;

import java.util.Optional;

/** Where ledger chunks live. Writes are checkpoints of a whole chunk; a chunk is written by one sender at a time. */
public interface DeliveryLedger {

    Optional<LedgerChunk> load(SendBatch batch);

    void save(LedgerChunk chunk);

    /** One page of a campaign's chunks in batch order; {@code cursor} null = from the first batch. */
    Page page(String campaignId, String cursor, int limit);

    record Page(java.util.List<LedgerChunk> chunks, String nextCursor) {}
}
