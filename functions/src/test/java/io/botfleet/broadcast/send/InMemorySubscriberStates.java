package io.botfleet.broadcast.send;

import io.botfleet.broadcast.plan.InMemoryAudiencePager;
import io.botfleet.subscribers.Subscriber;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Subscriber states from Telegram's answers, applied to an in-memory audience with DynamoSubscriberStates'
 * conditions: a refusal changes only an active subscriber; a group that became a supergroup is known by the
 * supergroup's id from then on, or just goes when the supergroup is a subscriber already.
 */
public final class InMemorySubscriberStates implements SubscriberStates {
    private final InMemoryAudiencePager audience;
    private final Clock clock;

    public InMemorySubscriberStates(InMemoryAudiencePager audience, Clock clock) {
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public void refused(String botId, List<BatchResult.Refusal> refusals) {
        for (BatchResult.Refusal r : refusals) {
            audience.subscriber(botId, r.chatId()).filter(s -> s.status().equals(Subscriber.ACTIVE)).ifPresent(s -> {
                String status = switch (r.outcome()) {
                    case BLOCKED -> Subscriber.BLOCKED;
                    case DEACTIVATED -> Subscriber.DEACTIVATED;
                    case NOT_STARTED -> Subscriber.NOT_STARTED;
                    case KICKED -> Subscriber.KICKED;
                    default -> throw new IllegalArgumentException(r.outcome() + " is not a refusal");
                };
                Optional<java.time.Instant> blockedAt = status.equals(Subscriber.BLOCKED)
                        ? Optional.of(clock.instant()) : s.blockedAt();
                audience.replace(botId, r.chatId(), new Subscriber(botId, s.chatId(), status, s.chatType(), s.firstName(),
                        s.username(), s.language(), s.tags(), s.source(), s.joinedAt(), s.lastSeenAt(), blockedAt));
            });
        }
    }

    @Override
    public void migrated(String botId, List<BatchResult.Migration> migrations) {
        for (BatchResult.Migration m : migrations) {
            audience.subscriber(botId, m.fromChatId()).ifPresent(old -> {
                if (audience.subscriber(botId, m.toChatId()).isEmpty()) {
                    audience.replace(botId, m.fromChatId(), new Subscriber(botId, Long.toString(m.toChatId()),
                            old.status(), "supergroup", old.firstName(), old.username(), old.language(), old.tags(),
                            old.source(), old.joinedAt(), old.lastSeenAt(), old.blockedAt()));
                } else {
                    audience.remove(botId, m.fromChatId());
                }
            });
        }
    }
}
