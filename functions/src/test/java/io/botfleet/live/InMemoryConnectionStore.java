package io.botfleet.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryConnectionStore implements ConnectionStore {
    private final Map<String, LiveConnection> connections = new ConcurrentHashMap<>();

    @Override
    public void save(LiveConnection connection) {
        connections.put(connection.connectionId(), connection);
    }

    @Override
    public Optional<LiveConnection> get(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    @Override
    public void delete(String connectionId) {
        connections.remove(connectionId);
    }

    @Override
    public List<LiveConnection> all() {
        return new ArrayList<>(connections.values());
    }
}
