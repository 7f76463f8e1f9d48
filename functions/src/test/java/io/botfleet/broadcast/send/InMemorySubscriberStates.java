package io.botfleet.broadcast.send;

import io.botfleet.subscribers.InMemorySubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Subscriber states from Telegram's answers, applied to the in-memory subscribers table with DynamoSubscriberStates'
 * conditions: a refusal changes only an active subscriber; a group that became a supergroup is known by the
 * supergroup's id from then on, or just goes when the supergroup is a subscriber already.
 */
public final class InMemorySubscriberStates implements SubscriberStates {
    private final InMemorySubscriberStore subscribers;
    private final Clock clock;

    public InMemorySubscriberStates(InMemorySubscriberStore subscribers, Clock clock) {
        this.subscribers = subscribers;
        this.clock = clock;
    }

    @Override
    public void refused(String botId, List<BatchResult.Refusal> refusals) {
        for (BatchResult.Refusal r : refusals) {
            String status = switch (r.outcome()) {
                case BLOCKED -> Subscriber.BLOCKED;
                case DEACTIVATED -> Subscriber.DEACTIVATED;
                case NOT_STARTED -> Subscriber.NOT_STARTED;
                case KICKED -> Subscriber.KICKED;
                default -> throw new IllegalArgumentException(r.outcome() + " is not a refusal");
            };
            subscribers.change(botId, Long.toString(r.chatId()), Subscriber.ACTIVE, s -> new Subscriber(botId, s.chatId(),
                    status, s.chatType(), s.firstName(), s.username(), s.language(), s.tags(), s.source(), s.joinedAt(),
                    s.lastSeenAt(), status.equals(Subscriber.BLOCKED) ? Optional.of(clock.instant()) : s.blockedAt()));
        }
    }

    @Override
    public void migrated(String botId, List<BatchResult.Migration> migrations) {
        for (BatchResult.Migration m : migrations) {
            String from = Long.toString(m.fromChatId());
            String to = Long.toString(m.toChatId());
            subscribers.get(botId, from).ifPresent(old -> {
                if (subscribers.get(botId, to).isPresent()) {
                    subscribers.delete(botId, from);
                } else {
                    subscribers.change(botId, from, old.status(), s -> new Subscriber(botId, to, s.status(), "supergroup",
                            s.firstName(), s.username(), s.language(), s.tags(), s.source(), s.joinedAt(), s.lastSeenAt(),
                            s.blockedAt()));
                }
            });
        }
    }
}
