package io.botfleet.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogSearchTest {
    private static final Instant T = Instant.parse("2026-11-30T10:00:00Z");
    private final InMemoryLogArchive archive = new InMemoryLogArchive(List.of("api", "planner", "sender"));
    private final LogSearch search = new LogSearch(archive);

    @Test
    void aCampaignsLinesOfEveryFunctionAndNoOtherCampaigns() {
        archive.add(new LogLine(T, "api", "{\"campaign_id\":\"c1\",\"bot_id\":\"7\",\"message\":\"start\"}"));
        archive.add(new LogLine(T.plusSeconds(1), "planner", "{\"campaign_id\":\"c1\",\"bot_id\":\"7\",\"message\":\"planned\"}"));
        archive.add(new LogLine(T.plusSeconds(2), "sender", "{\"campaign_id\":\"c2\",\"bot_id\":\"7\",\"message\":\"sent\"}"));
        archive.add(new LogLine(T.plusSeconds(3), "sender", "not json c1"));

        LogLines found = search.find(Optional.empty(), Optional.empty(), Optional.of("c1"), T, T.plusSeconds(60), 100);

        assertThat(found.lines()).extracting(LogLine::function).containsExactly("api", "planner");
        assertThat(archive.lastSelection.fieldEquals()).isEqualTo(Map.of("campaign_id", "c1"));
        assertThat(search.find(Optional.of("sender"), Optional.of("7"), Optional.empty(), T, T.plusSeconds(60), 100).lines())
                .extracting(LogLine::message).containsExactly("{\"campaign_id\":\"c2\",\"bot_id\":\"7\",\"message\":\"sent\"}");
    }

    @Test
    void theLimitTruncates() {
        for (int i = 0; i < 5; i++) {
            archive.add(new LogLine(T.plusSeconds(i), "api", "{\"bot_id\":\"7\"}"));
        }
        LogLines found = search.find(Optional.of("api"), Optional.of("7"), Optional.empty(), T, T.plusSeconds(60), 3);
        assertThat(found.lines()).hasSize(3);
        assertThat(found.truncated()).isTrue();
    }

    @Test
    void boundsAreRefused() {
        assertThatThrownBy(() -> search.find(Optional.of("nope"), Optional.empty(), Optional.empty(), T, T.plusSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search.find(Optional.empty(), Optional.empty(), Optional.empty(), T, T.plus(Duration.ofHours(25)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search.find(Optional.empty(), Optional.empty(), Optional.empty(), T, T, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> search.find(Optional.empty(), Optional.empty(), Optional.empty(), T, T.plusSeconds(1), LogSelection.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filterPatternsSelectOnTheCorrelationFieldsAsCloudWatchLogsReadsThem() {
        var selection = new LogSelection(List.of("api"), Map.of("campaign_id", "c1", "bot_id", "7"), List.of(), T, T.plusSeconds(1), 1);
        assertThat(AwsLogArchive.filterPattern(selection)).isEqualTo("{ $.bot_id = \"7\" && $.campaign_id = \"c1\" }");
        assertThat(AwsLogArchive.filterPattern(new LogSelection(List.of("api"), Map.of("a", "x\"y"), List.of("RequestLatency"), T,
                T.plusSeconds(1), 1))).isEqualTo("{ $.a = \"x\\\"y\" && $.RequestLatency >= 0 }");
        assertThat(AwsLogArchive.filterPattern(new LogSelection(List.of("api"), Map.of(), List.of(), T, T.plusSeconds(1), 1))).isNull();
        assertThat(AwsLogArchive.groups("webhook=WebhookFunctionLogGroup, api=/aws/lambda/api,bad"))
                .containsExactly(Map.entry("webhook", "WebhookFunctionLogGroup"), Map.entry("api", "/aws/lambda/api"));
    }
}
