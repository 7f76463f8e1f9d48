package io.botfleet.live;

import io.botfleet.auth.AccessChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a user's open dashboard connections when their access changes: a connection keeps the role and bot scope it
 * was admitted with, so it is closed (and forgotten) rather than left pushing what the user may no longer see. The
 * dashboard reconnects by itself and is admitted, or refused, as the user is now.
 */
public final class LiveSessions implements AccessChanges {
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final ConnectionStore connections;
    private final ConnectionCloser closer;

    public LiveSessions(ConnectionStore connections, ConnectionCloser closer) {
        this.connections = connections;
        this.closer = closer;
    }

    @Override
    public void changed(String userId) {
        for (LiveConnection c : connections.all()) {
            if (c.userId().equals(userId)) {
                try {
                    closer.close(c.connectionId());
                } catch (RuntimeException e) {
                    // forgotten all the same: nothing is pushed to it any more, and API Gateway ends it within two hours
                    log.warn("closing dashboard connection {} failed", c.connectionId(), e);
                }
                connections.delete(c.connectionId());
            }
        }
    }
}
