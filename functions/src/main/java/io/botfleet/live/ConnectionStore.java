package io.botfleet.live;

import java.util.List;
import java.util.Optional;

/** The open dashboard connections, kept until they close, are found gone, or their record expires. */
public interface ConnectionStore {

    void save(LiveConnection connection);

    Optional<LiveConnection> get(String connectionId);

    void delete(String connectionId);

    /** Every stored connection, expired ones included until the store drops them. */
    List<LiveConnection> all();
}
