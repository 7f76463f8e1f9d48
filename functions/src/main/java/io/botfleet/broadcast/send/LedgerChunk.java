package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.campaign.DeliveryPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delivery ledger of one send batch: an outcome, a Telegram message id and (for failures) a reason per
 * recipient, plus the recipients whose requests may be in flight. Persisted as one item, written once per wave of
 * sends, never once per message. It also remembers which final outcomes are already in the campaign's counters
 * ({@code counted}, written with them under the count sequence {@code countSeq}), so each is counted exactly once
 * even when a batch is counted in several steps (a pause, a redelivery) before it completes.
 */
public final class LedgerChunk {
    private final SendBatch batch;
    private final char[] outcomes;
    private final long[] messageIds;
    private final Map<Integer, String> errors;
    private final Set<Integer> inFlight;
    private int attempts;
    private Map<DeliveryOutcome, Integer> counted;
    private int countSeq;

    public LedgerChunk(SendBatch batch, String outcomes, long[] messageIds, Map<Integer, String> errors,
                       Set<Integer> inFlight, int attempts) {
        this(batch, outcomes, messageIds, errors, inFlight, attempts, Map.of(), 0);
    }

    /**
     * @param counted  final outcomes already added to the campaign's counters, by kind
     * @param countSeq how many times this batch was counted (the condition of the next count)
     */
    public LedgerChunk(SendBatch batch, String outcomes, long[] messageIds, Map<Integer, String> errors,
                       Set<Integer> inFlight, int attempts, Map<DeliveryOutcome, Integer> counted, int countSeq) {
        int n = batch.recipients().size();
        if (outcomes.length() != n || messageIds.length != n) {
            throw new IllegalArgumentException("ledger chunk does not match its batch");
        }
        this.batch = batch;
        this.outcomes = outcomes.toCharArray();
        this.messageIds = messageIds.clone();
        this.errors = new LinkedHashMap<>(errors);
        this.inFlight = new TreeSet<>(inFlight);
        this.attempts = attempts;
        this.counted = Map.copyOf(counted);
        this.countSeq = countSeq;
    }

    public static LedgerChunk fresh(SendBatch batch) {
        int n = batch.recipients().size();
        return new LedgerChunk(batch, String.valueOf(DeliveryOutcome.PENDING.code()).repeat(n), new long[n], Map.of(), Set.of(), 0);
    }

    public SendBatch batch() {
        return batch;
    }

    /**
     * Starts an attempt: recipients left in flight by a stopped sender become UNKNOWN (at-most-once) or are sent
     * again (at-least-once); transient failures of the previous attempt are retried.
     *
     * @return how many recipients were in doubt
     */
    public synchronized int beginAttempt(DeliveryPolicy policy) {
        attempts++;
        int inDoubt = 0;
        for (int i : inFlight) {
            if (!outcome(i).terminal()) {
                inDoubt++;
                outcomes[i] = policy == DeliveryPolicy.AT_MOST_ONCE ? DeliveryOutcome.UNKNOWN.code() : DeliveryOutcome.PENDING.code();
            }
        }
        inFlight.clear();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == DeliveryOutcome.TRANSIENT.code()) {
                outcomes[i] = DeliveryOutcome.PENDING.code();
                errors.remove(i);
            }
        }
        return inDoubt;
    }

    public synchronized List<Integer> pending() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (!outcome(i).terminal() && !inFlight.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    public synchronized void markInFlight(List<Integer> indices) {
        inFlight.addAll(indices);
    }

    /** A recipient of a started wave that was not sent after all (its request never reached Telegram). */
    public synchronized void release(int index) {
        inFlight.remove(index);
    }

    /** Recipients marked for a wave that did not start after all. */
    public synchronized void clearInFlight(List<Integer> indices) {
        indices.forEach(inFlight::remove);
    }

    public synchronized void record(int index, DeliveryOutcome outcome, long messageId, String error) {
        outcomes[index] = outcome.code();
        messageIds[index] = messageId;
        if (error != null) {
            errors.put(index, error);
        } else {
            errors.remove(index);
        }
        inFlight.remove(index);
    }

    public DeliveryOutcome outcome(int index) {
        return DeliveryOutcome.of(outcomes[index]);
    }

    public synchronized boolean complete() {
        for (char c : outcomes) {
            if (!DeliveryOutcome.of(c).terminal()) {
                return false;
            }
        }
        return true;
    }

    /** A consistent copy for persisting while sends continue. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(new String(outcomes), messageIds.clone(), Map.copyOf(errors), Set.copyOf(inFlight), attempts,
                counted, countSeq);
    }

    /** Final outcomes not yet in the campaign's counters (final outcomes never change, so this only grows). */
    public synchronized Map<DeliveryOutcome, Integer> uncounted() {
        return Snapshot.uncounted(new String(outcomes), counted);
    }

    /** The counters now include {@code snapshot}'s final outcomes; its count sequence was taken. */
    public synchronized void counted(Snapshot snapshot) {
        counted = snapshot.finalCounts();
        countSeq = snapshot.countSeq() + 1;
    }

    public synchronized Map<DeliveryOutcome, Integer> counts() {
        Map<DeliveryOutcome, Integer> counts = new LinkedHashMap<>();
        for (char c : outcomes) {
            counts.merge(DeliveryOutcome.of(c), 1, Integer::sum);
        }
        return counts;
    }

    /** What the ledger item holds. */
    public record Snapshot(String outcomes, long[] messageIds, Map<Integer, String> errors, Set<Integer> inFlight,
                           int attempts, Map<DeliveryOutcome, Integer> counted, int countSeq) {

        /** Final outcomes by kind. */
        public Map<DeliveryOutcome, Integer> finalCounts() {
            Map<DeliveryOutcome, Integer> counts = new java.util.EnumMap<>(DeliveryOutcome.class);
            for (char c : outcomes.toCharArray()) {
                DeliveryOutcome o = DeliveryOutcome.of(c);
                if (o.terminal()) {
                    counts.merge(o, 1, Integer::sum);
                }
            }
            return counts;
        }

        /** Final outcomes of this snapshot that {@code counted} does not include yet. */
        public Map<DeliveryOutcome, Integer> uncounted() {
            return uncounted(outcomes, counted);
        }

        public boolean complete() {
            return outcomes.chars().allMatch(c -> DeliveryOutcome.of((char) c).terminal());
        }

        static Map<DeliveryOutcome, Integer> uncounted(String outcomes, Map<DeliveryOutcome, Integer> counted) {
            Map<DeliveryOutcome, Integer> delta = new java.util.EnumMap<>(DeliveryOutcome.class);
            Snapshot probe = new Snapshot(outcomes, new long[0], Map.of(), Set.of(), 0, counted, 0);
            probe.finalCounts().forEach((o, n) -> {
                int d = n - counted.getOrDefault(o, 0);
                if (d > 0) {
                    delta.put(o, d);
                }
            });
            return delta;
        }

        @Override
        public String toString() {
            return "Snapshot[" + outcomes + ", inFlight=" + inFlight + ", attempts=" + attempts + ", counted=" + counted
                    + "#" + countSeq + ", messageIds=" + Arrays.toString(messageIds) + "]";
        }
    }
}
