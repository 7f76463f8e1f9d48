package io.botfleet.broadcast.send;

import java.util.List;

/**
 * What the sender learns about subscribers from Telegram's answers, written back so later campaigns do not target
 * them again (only active subscribers are in an audience).
 */
public interface SubscriberStates {

    /** Active subscribers whose chat refused the bot take the state the refusal means (blocked, deactivated, ...). */
    void refused(String botId, List<BatchResult.Refusal> refusals);

    /** Subscribers known by a group's old id are known by its supergroup's id from now on. */
    void migrated(String botId, List<BatchResult.Migration> migrations);
}
