package io.botfleet.broadcast.send;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sender's metrics as totals per bot: each outcome, the batches that went back to the queue, Telegram's 429 answers
 * and the longest retry_after.
 */
final class RecordedDeliveryMetrics implements DeliveryObserver {
    private final Map<String, Map<String, Long>> totals = new ConcurrentHashMap<>();

    @Override
    public void recorded(String botId, List<BatchResult> results) {
        Map<String, Long> bot = totals.computeIfAbsent(botId, id -> new ConcurrentHashMap<>());
        for (BatchResult result : results) {
            result.newOutcomes().forEach((outcome, count) -> bot.merge(outcome.name(), (long) count, Long::sum));
            if (result.status() == BatchResult.Status.RETRY) {
                bot.merge("retried", 1L, Long::sum);
            }
            bot.merge("rateLimited", (long) result.rateLimits().answers(), Long::sum);
            bot.merge("retryAfter", result.rateLimits().longestRetryAfter().toSeconds(), Math::max);
        }
    }

    long total(String botId, DeliveryOutcome outcome) {
        return totals.getOrDefault(botId, Map.of()).getOrDefault(outcome.name(), 0L);
    }

    long retried(String botId) {
        return totals.getOrDefault(botId, Map.of()).getOrDefault("retried", 0L);
    }

    long rateLimited(String botId) {
        return totals.getOrDefault(botId, Map.of()).getOrDefault("rateLimited", 0L);
    }

    long longestRetryAfterSeconds(String botId) {
        return totals.getOrDefault(botId, Map.of()).getOrDefault("retryAfter", 0L);
    }
}
