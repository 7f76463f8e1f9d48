package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.InMemoryCampaignStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ledger chunks in memory with DynamoDeliveryLedger's conditions: a save replaces the stored chunk whole (as a put
 * does, which also forgets that it was counted as done); a counted save adds its new final outcomes to the campaign's
 * counters only while the stored count sequence is the one the chunk was read with, and counts a batch as done once.
 * Pages end where a page of {@code limit} chunks ends, as a DynamoDB query with a limit does.
 */
public final class InMemoryDeliveryLedger implements DeliveryLedger {

    private record Stored(SendBatch batch, LedgerChunk.Snapshot snapshot, boolean countedDone) {
        LedgerChunk chunk() {
            return new LedgerChunk(batch, snapshot.outcomes(), snapshot.messageIds(), snapshot.errors(),
                    snapshot.inFlight(), snapshot.attempts(), snapshot.counted(), snapshot.countSeq());
        }
    }

    private final InMemoryCampaignStore campaigns;
    private final Map<String, TreeMap<Integer, Stored>> chunks = new HashMap<>();

    /** @param campaigns where the counted saves add to the campaigns' progress counters */
    public InMemoryDeliveryLedger(InMemoryCampaignStore campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public synchronized Optional<LedgerChunk> load(SendBatch batch) {
        return stored(batch).map(Stored::chunk);
    }

    private Optional<Stored> stored(SendBatch batch) {
        return Optional.ofNullable(chunks.getOrDefault(batch.campaignId(), new TreeMap<>()).get(batch.batchNo()));
    }

    @Override
    public synchronized Map<SendBatch, LedgerChunk> loadAll(List<SendBatch> batches) {
        Map<SendBatch, LedgerChunk> found = new HashMap<>();
        batches.forEach(b -> load(b).ifPresent(c -> found.put(b, c)));
        return found;
    }

    @Override
    public synchronized void save(LedgerChunk chunk) {
        put(chunk.batch(), chunk.snapshot(), false);
    }

    private void put(SendBatch batch, LedgerChunk.Snapshot snapshot, boolean countedDone) {
        chunks.computeIfAbsent(batch.campaignId(), id -> new TreeMap<>())
                .put(batch.batchNo(), new Stored(batch, snapshot, countedDone));
    }

    @Override
    public synchronized boolean saveCounted(LedgerChunk chunk) {
        LedgerChunk.Snapshot s = chunk.snapshot();
        Map<DeliveryOutcome, Integer> delta = s.uncounted();
        boolean complete = s.complete();
        if (delta.isEmpty() && !complete) {
            put(chunk.batch(), s, false);
            return false;
        }
        Optional<Stored> current = stored(chunk.batch());
        boolean sameCount = current.map(c -> c.snapshot().countSeq() == s.countSeq()).orElse(true);
        boolean doneBefore = current.map(Stored::countedDone).orElse(false);
        if (!sameCount || (complete && doneBefore)) {
            return false;
        }
        LedgerChunk.Snapshot counted = new LedgerChunk.Snapshot(s.outcomes(), s.messageIds(), s.errors(), s.inFlight(),
                s.attempts(), s.finalCounts(), s.countSeq() + 1);
        put(chunk.batch(), counted, complete);
        campaigns.count(chunk.batch().campaignId(), delta, complete);
        chunk.counted(s);
        return complete;
    }

    @Override
    public synchronized void saveAll(List<LedgerChunk> chunks) {
        chunks.forEach(this::save);
    }

    @Override
    public synchronized Page page(String campaignId, String cursor, int limit) {
        TreeMap<Integer, Stored> all = chunks.getOrDefault(campaignId, new TreeMap<>());
        var after = cursor == null ? all : all.tailMap(Integer.parseInt(cursor), false);
        List<LedgerChunk> page = new ArrayList<>();
        for (Map.Entry<Integer, Stored> e : after.entrySet()) {
            page.add(e.getValue().chunk());
            if (page.size() == limit) {
                return new Page(page, Integer.toString(e.getKey()));
            }
        }
        return new Page(page, null);
    }
}
