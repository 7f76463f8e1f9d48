package io.botfleet.lambda.webhook;

import io.botfleet.shared.logging.EmbeddedMetrics;
import io.botfleet.webhook.WebhookOutcome.Verdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook's figures per request that did not record an update: {@code UpdatesReceived} and one count named for
 * the verdict ({@code UpdatesAccepted} for a duplicate or a parked update, {@code UpdatesSecretMismatch},
 * {@code UpdatesRetry}, ...), by bot. A recorded update writes no line here: the stream consumer counts
 * {@code UpdatesReceived} and {@code UpdatesAccepted} for a whole batch in one line per bot (UpdateStreamFunction),
 * so the sums over both are what they were, and a log line per ordinary update is not paid for. A request for a bot
 * the platform does not know, or from outside Telegram's networks, is counted under the bot {@code unverified}: its
 * path is whatever the caller chose, and a dimension value per invented bot id would be a cost anyone could run up.
 */
final class WebhookMetrics {
    static final String UNVERIFIED = "unverified";
    static final String ROUTE = "/telegram/{botId}";

    private final EmbeddedMetrics metrics;

    WebhookMetrics(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    void record(String botId, Verdict verdict) {
        metrics.count(dimension(botId, verdict), counts(verdict));
    }

    /** The request's latency by route and status class (the route template: the path names a bot). */
    void answered(int status, long latencyNanos) {
        metrics.request("POST", ROUTE, status, latencyNanos / 1_000_000.0);
    }

    static String dimension(String botId, Verdict verdict) {
        return verdict == Verdict.UNKNOWN_BOT || verdict == Verdict.NOT_FROM_TELEGRAM ? UNVERIFIED : botId;
    }

    static Map<String, Long> counts(Verdict verdict) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("UpdatesReceived", 1L);
        counts.put("Updates" + EmbeddedMetrics.name(verdict), 1L);
        return counts;
    }
}
