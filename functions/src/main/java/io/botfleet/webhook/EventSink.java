package io.botfleet.webhook;

import java.util.List;

/** Where the webhook's analytics events go (the events queue); one call per update. */
@FunctionalInterface
public interface EventSink {
    void send(List<BotEvent> events);
}
