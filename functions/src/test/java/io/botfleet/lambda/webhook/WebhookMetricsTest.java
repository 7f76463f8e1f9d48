package io.botfleet.lambda.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.webhook.WebhookOutcome.Verdict;
import org.junit.jupiter.api.Test;

class WebhookMetricsTest {

    @Test
    void eachRequestCountsAsReceivedAndUnderItsVerdict() {
        assertThat(WebhookMetrics.counts(Verdict.ACCEPTED)).containsExactly(
                java.util.Map.entry("UpdatesReceived", 1L), java.util.Map.entry("UpdatesAccepted", 1L));
        assertThat(WebhookMetrics.counts(Verdict.SECRET_MISMATCH)).containsKey("UpdatesSecretMismatch");
        assertThat(WebhookMetrics.counts(Verdict.NOT_FROM_TELEGRAM)).containsKey("UpdatesNotFromTelegram");
    }

    @Test
    void botIdsNobodyVerifiedDoNotBecomeDimensionValues() {
        assertThat(WebhookMetrics.dimension("123", Verdict.ACCEPTED)).isEqualTo("123");
        assertThat(WebhookMetrics.dimension("123", Verdict.SECRET_MISMATCH)).isEqualTo("123"); // a registered bot
        assertThat(WebhookMetrics.dimension("9999999", Verdict.UNKNOWN_BOT)).isEqualTo(WebhookMetrics.UNVERIFIED);
        assertThat(WebhookMetrics.dimension("123", Verdict.NOT_FROM_TELEGRAM)).isEqualTo(WebhookMetrics.UNVERIFIED);
    }
}
