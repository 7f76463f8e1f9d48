package io.botfleet.webhook;

import java.util.ArrayList;
import java.util.List;

/** Parked updates in memory, newest first. */
final class InMemoryParkedUpdates implements ParkedUpdates {
    final List<ParkedUpdate> parked = new ArrayList<>();

    @Override
    public synchronized void park(ParkedUpdate update) {
        parked.addFirst(update);
    }

    @Override
    public synchronized List<ParkedUpdate> list(String botId, int limit) {
        return parked.stream().filter(p -> p.botId().equals(botId)).limit(limit).toList();
    }
}
