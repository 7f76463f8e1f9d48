package io.botfleet.live;

import java.util.Optional;

/** Where the current state of some topics comes from (campaigns, bots). */
public interface TopicSource {

    /** A topic's current state and the bot it belongs to (what decides who may see it). */
    record State(String botId, LiveMessage message) {}

    /** The current state of {@code topic}, when it is one of this source's and exists. */
    Optional<State> current(String topic);
}
