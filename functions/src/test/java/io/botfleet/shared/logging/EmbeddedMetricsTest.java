package io.botfleet.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.shared.time.TestClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
    final TestClock clock = new TestClock(Instant.parse("2026-11-30T12:00:00Z"));

    @Test
    void aLineIsAnEmbeddedMetricDocumentCountedByBotAndOverTheFleet() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("UpdatesReceived", 1L);
        counts.put("UpdatesAccepted", 1L);

        JsonNode line = new ObjectMapper().readTree(new EmbeddedMetrics("botfleet", clock).line("42", counts));

        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(directive.path("Namespace").asText()).isEqualTo("botfleet");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"BotId\"],[]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("UpdatesReceived", "UpdatesAccepted");
        assertThat(directive.path("Metrics").findValuesAsText("Unit")).containsOnly("Count");
        assertThat(line.path("BotId").asText()).isEqualTo("42");
        assertThat(line.path("UpdatesReceived").asLong()).isEqualTo(1);
        assertThat(line.path("UpdatesAccepted").asLong()).isEqualTo(1);
    }

    enum Sample { NOT_STARTED, SENT }

    @Test
    void enumConstantsBecomeMetricNames() {
        assertThat(EmbeddedMetrics.name(Sample.NOT_STARTED)).isEqualTo("NotStarted");
        assertThat(EmbeddedMetrics.name(Sample.SENT)).isEqualTo("Sent");
    }
}
