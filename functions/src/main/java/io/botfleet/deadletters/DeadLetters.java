package io.botfleet.deadletters;

import io.botfleet.shared.errors.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operator's view of every dead-letter queue: how many messages wait, each one with why it failed (as its
 * consumer recorded it), and the two ways out: back to the source queue (after fixing the cause) or discarded.
 */
public final class DeadLetters {
    /** A page of dead letters is read in receives of ten; fifty is what an operator reads before acting. */
    public static final int MAX_LISTED = 50;
    static final String NO_REASON = "No reason recorded: the function ended without reporting this message "
            + "(it timed out or crashed), so SQS moved it after its last allowed receive.";

    public record QueueCount(String queue, long waiting) {}

    /**
     * One dead letter: {@code summary} says what the body is without its content (never a secret or a user's text);
     * {@code failedAt} and {@code reason} come from the record its consumer wrote, when it wrote one.
     */
    public record DeadLetter(String messageId, Optional<Instant> firstReceivedAt, Optional<Instant> failedAt,
                             int receiveCount, String summary, String reason, boolean reasonRecorded) {}

    private final DeadLetterQueues queues;
    private final FailureReasons reasons;
    private final UnaryOperator<String> summarize;

    /** @param summarize a body to a short description that keeps no content (see {@link DeadLetter#summary}) */
    public DeadLetters(DeadLetterQueues queues, FailureReasons reasons, UnaryOperator<String> summarize) {
        this.queues = queues;
        this.reasons = reasons;
        this.summarize = summarize;
    }

    public List<QueueCount> counts() {
        return queues.ids().stream().map(id -> new QueueCount(id, queues.count(id))).toList();
    }

    public List<DeadLetter> list(String queue) {
        known(queue);
        List<DeadLetterQueues.DeadMessage> messages = queues.peek(queue, MAX_LISTED);
        Map<String, FailureReason> recorded = reasons.find(messages.stream().map(DeadLetterQueues.DeadMessage::messageId).toList());
        return messages.stream().map(m -> {
            Optional<FailureReason> r = Optional.ofNullable(recorded.get(m.messageId()));
            return new DeadLetter(m.messageId(), m.firstReceivedAt(), r.map(FailureReason::failedAt),
                    r.map(FailureReason::receiveCount).orElse(m.receiveCount()), summarize.apply(m.body()),
                    r.map(FailureReason::reason).orElse(NO_REASON), r.isPresent());
        }).toList();
    }

    /** @return how many messages went back to {@code queue} */
    public int redrive(String queue, Optional<String> messageId) {
        known(queue);
        return done(messageId, queues.redrive(queue, messageId));
    }

    /** @return how many dead letters were removed for good */
    public int discard(String queue, Optional<String> messageId) {
        known(queue);
        return done(messageId, queues.discard(queue, messageId));
    }

    private int done(Optional<String> messageId, List<String> ids) {
        if (messageId.isPresent() && ids.isEmpty()) {
            throw Refusal.of(Refusal.Kind.NOT_FOUND, "DEAD_LETTER_NOT_FOUND", "No dead letter " + messageId.get()
                    + " is waiting (a FIFO queue shows one message per group at a time: act on the one listed first)");
        }
        if (!ids.isEmpty()) {
            reasons.forget(ids);
        }
        return ids.size();
    }

    private void known(String queue) {
        if (!queues.ids().contains(queue)) {
            throw Refusal.of(Refusal.Kind.NOT_FOUND, "QUEUE_NOT_FOUND", "No queue with a dead-letter queue is named "
                    + queue + "; the queues are " + String.join(", ", queues.ids()));
        }
    }
}
