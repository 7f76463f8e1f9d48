package io.botfleet.broadcast.send;

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
 * sends, never once per message.
 */
public final class LedgerChunk {
    private final SendBatch batch;
    private final char[] outcomes;
    private final long[] messageIds;
    private final Map<Integer, String> errors;
    private final Set<Integer> inFlight;
    private int attempts;

    public LedgerChunk(SendBatch batch, String outcomes, long[] messageIds, Map<Integer, String> errors,
                       Set<Integer> inFlight, int attempts) {
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
        return new Snapshot(new String(outcomes), messageIds.clone(), Map.copyOf(errors), Set.copyOf(inFlight), attempts);
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
                           int attempts) {
        @Override
        public String toString() {
            return "Snapshot[" + outcomes + ", inFlight=" + inFlight + ", attempts=" + attempts + ", messageIds=" + Arrays.toString(messageIds) + "]";
        }
    }
}
