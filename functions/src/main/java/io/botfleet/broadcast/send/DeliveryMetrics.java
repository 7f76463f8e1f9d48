package io.botfleet.broadcast.send;

import java.util.List;

/**
 * What an operator charts and alarms on while bots broadcast: each attempt's new outcomes (sent, blocked, failed, ...)
 * and the batches that go back to the queue, per bot and queue.
 */
public interface DeliveryMetrics {
    DeliveryMetrics NONE = (botId, results) -> { };

    void recorded(String botId, List<BatchResult> results);
}
