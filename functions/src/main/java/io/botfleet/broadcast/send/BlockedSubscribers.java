package io.botfleet.broadcast.send;

import java.util.List;

/** Marks subscribers who answered 403 (blocked the bot) so no later campaign targets them. */
public interface BlockedSubscribers {
    void markBlocked(String botId, List<Long> chatIds);
}
