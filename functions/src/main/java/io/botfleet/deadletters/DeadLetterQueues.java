package io.botfleet.deadletters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queues that have a dead-letter queue, by a stable short id ({@code send}, {@code events}, ...), and what waits
 * in their dead-letter queues.
 */
public interface DeadLetterQueues {
    /** A message in a dead-letter queue as last seen; the receive count includes the looks at it. */
    record DeadMessage(String messageId, String body, int receiveCount, Optional<Instant> firstReceivedAt,
                       Optional<Instant> sentAt) {}

    /** The ids of the queues with a dead-letter queue, in a stable order. */
    List<String> ids();

    /** How many messages wait in {@code queue}'s dead-letter queue (approximate, as SQS counts). */
    long count(String queue);

    /** Up to {@code max} waiting messages, left waiting (a look must not consume them). */
    List<DeadMessage> peek(String queue, int max);

    /**
     * Sends the dead letter {@code messageId} (all of them when empty) back to the source queue and removes it from
     * the dead-letter queue. @return the ids of the messages moved
     */
    List<String> redrive(String queue, Optional<String> messageId);

    /** Removes the dead letter {@code messageId} (all when empty) for good. @return the ids removed */
    List<String> discard(String queue, Optional<String> messageId);
}
