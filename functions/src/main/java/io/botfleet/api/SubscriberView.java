package io.botfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.botfleet.subscribers.Subscriber;
import java.time.Instant;
import java.util.List;

/** A subscriber as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SubscriberView(String chatId, String status, String chatType, String firstName, String username,
                             String language, List<String> tags, String source, Instant joinedAt, Instant lastSeenAt,
                             Instant blockedAt) {

    public static SubscriberView of(Subscriber s) {
        return new SubscriberView(s.chatId(), s.status(), s.chatType(), s.firstName(), s.username(), s.language(),
                s.tags().stream().sorted().toList(), s.source(), s.joinedAt(), s.lastSeenAt().orElse(null), s.blockedAt().orElse(null));
    }
}
