package io.botfleet.broadcast.send;

import java.util.List;

/**
 * Told each bot's results once the sender has recorded them: each attempt's new outcomes (sent, blocked, failed, ...)
 * and the batches that go back to the queue. The operator's metrics and the dashboards' live progress listen here.
 */
public interface DeliveryObserver {
    DeliveryObserver NONE = (botId, results) -> { };

    void recorded(String botId, List<BatchResult> results);
}
