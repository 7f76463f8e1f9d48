package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.campaign.CampaignProgress;
import io.botfleet.broadcast.campaign.CampaignStore;
import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The conditions DeliveryLedger promises, checked on the DynamoDB adapter ({@code DynamoDeliveryLedgerIT}) and on
 * the in-memory one the sender tests use ({@code InMemoryDeliveryLedgerTest}): above all that a batch's outcomes
 * reach its campaign's counters exactly once, however often it is saved, redelivered or counted from a stale copy.
 * Tests share one table within a class: each works on campaigns of its own.
 */
abstract class DeliveryLedgerContract {

    /** A ledger and the campaign store whose counters its counted saves move. */
    record Stores(DeliveryLedger ledger, CampaignStore campaigns) {}

    final DeliveryLedger ledger;
    final CampaignStore campaigns;

    DeliveryLedgerContract(Stores stores) {
        this.ledger = stores.ledger();
        this.campaigns = stores.campaigns();
    }

    static SendBatch batch(String campaignId, int batchNo, int recipients) {
        return new SendBatch(campaignId, "bot-1", batchNo, LongStream.range(0, recipients).map(i -> 1_000 + batchNo * 100L + i)
                .boxed().toList());
    }

    static String newCampaign() {
        return "c-" + UUID.randomUUID();
    }

    @Test
    void aSavedChunkLoadsBackWithEveryOutcomeMessageIdErrorAndRecipientInFlight() {
        SendBatch batch = batch(newCampaign(), 0, 4);
        LedgerChunk chunk = LedgerChunk.fresh(batch);
        chunk.beginAttempt(DeliveryPolicy.AT_MOST_ONCE);
        chunk.record(0, DeliveryOutcome.SENT, 501, null);
        chunk.record(1, DeliveryOutcome.BLOCKED, 0, "403 Forbidden: bot was blocked by the user");
        chunk.markInFlight(List.of(2, 3));
        ledger.save(chunk);

        LedgerChunk loaded = ledger.load(batch).orElseThrow();
        LedgerChunk.Snapshot s = loaded.snapshot();
        assertThat(s.outcomes()).isEqualTo("SB..");
        assertThat(s.messageIds()).containsExactly(501, 0, 0, 0);
        assertThat(s.errors()).containsOnly(Map.entry(1, "403 Forbidden: bot was blocked by the user"));
        assertThat(s.inFlight()).containsExactlyInAnyOrder(2, 3);
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(ledger.load(batch(batch.campaignId(), 1, 4))).isEmpty();
    }

    @Test
    void loadAllReturnsTheChunksThatExistKeyedByTheirBatch() {
        String campaign = newCampaign();
        SendBatch saved = batch(campaign, 0, 2);
        SendBatch absent = batch(campaign, 1, 2);
        ledger.save(LedgerChunk.fresh(saved));

        Map<SendBatch, LedgerChunk> found = ledger.loadAll(List.of(saved, absent, saved));

        assertThat(found).containsOnlyKeys(saved);
        assertThat(found.get(saved).batch()).isEqualTo(saved);
    }

    @Test
    void aCountedSaveAddsEachFinalOutcomeOnceAndTheBatchToBatchesDoneOnceWhenComplete() {
        String campaign = newCampaign();
        SendBatch batch = batch(campaign, 0, 3);
        LedgerChunk chunk = LedgerChunk.fresh(batch);
        chunk.beginAttempt(DeliveryPolicy.AT_MOST_ONCE);
        chunk.record(0, DeliveryOutcome.SENT, 1, null);

        assertThat(ledger.saveCounted(chunk)).as("not complete yet").isFalse();
        assertThat(campaigns.progress(campaign).count(DeliveryOutcome.SENT)).isEqualTo(1);
        assertThat(campaigns.progress(campaign).batchesDone()).isZero();

        chunk.record(1, DeliveryOutcome.SENT, 2, null);
        chunk.record(2, DeliveryOutcome.NOT_FOUND, 0, "400 Bad Request: chat not found");
        assertThat(ledger.saveCounted(chunk)).isTrue();
        assertThat(ledger.saveCounted(chunk)).as("counted before").isFalse();

        CampaignProgress progress = campaigns.progress(campaign);
        assertThat(progress.count(DeliveryOutcome.SENT)).isEqualTo(2);
        assertThat(progress.count(DeliveryOutcome.NOT_FOUND)).isEqualTo(1);
        assertThat(progress.batchesDone()).isEqualTo(1);
        assertThat(ledger.load(batch).orElseThrow().uncounted()).isEmpty();
    }

    @Test
    void aCopyReadBeforeAnotherCountCannotCountItsOutcomesAgain() {
        String campaign = newCampaign();
        SendBatch batch = batch(campaign, 0, 2);
        LedgerChunk first = LedgerChunk.fresh(batch);
        first.beginAttempt(DeliveryPolicy.AT_MOST_ONCE);
        first.record(0, DeliveryOutcome.SENT, 1, null);
        ledger.save(first);
        LedgerChunk stale = ledger.load(batch).orElseThrow();
        LedgerChunk current = ledger.load(batch).orElseThrow();

        current.record(1, DeliveryOutcome.SENT, 2, null);
        assertThat(ledger.saveCounted(current)).isTrue();
        stale.record(1, DeliveryOutcome.SENT, 3, null);
        assertThat(ledger.saveCounted(stale)).as("a second sender's copy, read before the count").isFalse();

        assertThat(campaigns.progress(campaign).count(DeliveryOutcome.SENT)).isEqualTo(2);
        assertThat(campaigns.progress(campaign).batchesDone()).isEqualTo(1);
        assertThat(ledger.load(batch).orElseThrow().snapshot().messageIds()).containsExactly(1, 2);
    }

    @Test
    void aChunkWithNothingNewToCountIsJustSaved() {
        String campaign = newCampaign();
        SendBatch batch = batch(campaign, 0, 2);
        LedgerChunk chunk = LedgerChunk.fresh(batch);
        chunk.markInFlight(List.of(0));

        assertThat(ledger.saveCounted(chunk)).isFalse();

        assertThat(ledger.load(batch).orElseThrow().snapshot().inFlight()).containsExactly(0);
        assertThat(campaigns.progress(campaign)).isEqualTo(CampaignProgress.NONE);
    }

    @Test
    void aCampaignsChunksArePagedInBatchOrderAndSaveAllWritesThemAll() {
        String campaign = newCampaign();
        List<LedgerChunk> chunks = new ArrayList<>();
        for (int no : new int[] {3, 0, 12, 1, 2}) {
            chunks.add(LedgerChunk.fresh(batch(campaign, no, 2)));
        }
        ledger.saveAll(chunks);
        ledger.save(LedgerChunk.fresh(batch(newCampaign(), 0, 2)));

        List<Integer> paged = new ArrayList<>();
        String cursor = null;
        do {
            DeliveryLedger.Page page = ledger.page(campaign, cursor, 2);
            assertThat(page.chunks()).hasSizeLessThanOrEqualTo(2);
            page.chunks().forEach(c -> paged.add(c.batch().batchNo()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(paged).containsExactly(0, 1, 2, 3, 12);
        assertThat(ledger.page(campaign, null, 10).chunks().getFirst().batch()).isEqualTo(batch(campaign, 0, 2));
    }

    @Test
    void anInFlightRecipientOfAStoppedSenderIsInDoubtOnTheNextAttempt() {
        SendBatch batch = batch(newCampaign(), 0, 2);
        LedgerChunk chunk = LedgerChunk.fresh(batch);
        chunk.beginAttempt(DeliveryPolicy.AT_MOST_ONCE);
        chunk.markInFlight(List.of(0, 1));
        chunk.record(1, DeliveryOutcome.SENT, 9, null);
        ledger.save(chunk);

        LedgerChunk next = ledger.load(batch).orElseThrow();
        assertThat(next.beginAttempt(DeliveryPolicy.AT_MOST_ONCE)).isEqualTo(1);
        assertThat(next.outcome(0)).isEqualTo(DeliveryOutcome.UNKNOWN);
        assertThat(next.snapshot().inFlight()).isEqualTo(Set.of());
    }
}
