package io.botfleet.live;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans a topic's state out to every open connection allowed to see its bot, and forgets connections that are gone.
 * A connection that cannot be reached for another reason is skipped: the next state, or the client's sync when it
 * reconnects, brings it up to date.
 */
public final class LivePublisher {
    private static final Logger log = LoggerFactory.getLogger(LivePublisher.class);

    private final ConnectionStore connections;
    private final LivePush push;
    private final Clock clock;

    public LivePublisher(ConnectionStore connections, LivePush push, Clock clock) {
        this.connections = connections;
        this.push = push;
        this.clock = clock;
    }

    /** @return how many connections received it */
    public int publish(String botId, LiveMessage message) {
        int delivered = 0;
        for (LiveConnection c : connections.all()) {
            if (!c.expired(clock.instant()) && c.canSee(botId) && send(c, message)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Sends to one connection; false when it did not arrive. */
    public boolean send(LiveConnection connection, LiveMessage message) {
        try {
            if (push.push(connection.connectionId(), message) == LivePush.Result.GONE) {
                connections.delete(connection.connectionId());
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("pushing {} to connection {} failed", message.topic(), connection.connectionId(), e);
            return false;
        }
    }
}
