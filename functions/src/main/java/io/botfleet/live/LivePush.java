package io.botfleet.live;

/** Sends a message down one open connection. */
public interface LivePush {

    enum Result { DELIVERED, GONE }

    /** @return {@link Result#GONE} when the connection no longer exists (the client went away) */
    Result push(String connectionId, LiveMessage message);
}
