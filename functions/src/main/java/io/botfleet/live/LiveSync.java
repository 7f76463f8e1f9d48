package io.botfleet.live;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reconnecting dashboard's catch-up: of the topics it names with the versions it holds, it is sent the current state
 * of each one that is newer and whose bot it may see; unknown topics are left unanswered.
 */
public final class LiveSync {
    private final List<TopicSource> sources;
    private final LivePublisher publisher;

    public LiveSync(List<TopicSource> sources, LivePublisher publisher) {
        this.sources = List.copyOf(sources);
        this.publisher = publisher;
    }

    /** @return how many states were sent */
    public int sync(LiveConnection connection, Map<String, Long> known) {
        int sent = 0;
        for (Map.Entry<String, Long> e : known.entrySet()) {
            Optional<TopicSource.State> state = current(e.getKey());
            if (state.isPresent() && connection.canSee(state.get().botId()) && state.get().message().version() > e.getValue()
                    && publisher.send(connection, state.get().message())) {
                sent++;
            }
        }
        return sent;
    }

    private Optional<TopicSource.State> current(String topic) {
        for (TopicSource source : sources) {
            Optional<TopicSource.State> state = source.current(topic);
            if (state.isPresent()) {
                return state;
            }
        }
        return Optional.empty();
    }
}
