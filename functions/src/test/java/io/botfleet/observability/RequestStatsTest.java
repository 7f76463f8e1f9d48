package io.botfleet.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.logging.EmbeddedMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestStatsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void percentilesAreNearestRankValuesThatWereObserved() {
        Percentiles p = new Percentiles(IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray());
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(95)).isEqualTo(95);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(new Percentiles(new double[] {7}).at(99)).isEqualTo(7);
        assertThat(new Percentiles(new double[] {1, 2, 3}).at(50)).isEqualTo(2);
        assertThat(new Percentiles(new double[0]).at(50)).isNaN();
    }

    @Test
    void figuresPerRouteWithErrorRatesBusiestFirst() {
        List<RequestSample> samples = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            samples.add(new RequestSample("GET /api/bots", i == 20 ? 5 : 2, i));
        }
        samples.add(new RequestSample("GET /api/bots/{botId}", 4, 3));
        samples.add(new RequestSample("GET /api/bots/{botId}", 2, 5));

        List<RequestStats.RouteFigures> figures = RequestStats.figures(samples);

        assertThat(figures).extracting(RequestStats.RouteFigures::route).containsExactly("GET /api/bots", "GET /api/bots/{botId}");
        assertThat(figures.get(0)).isEqualTo(new RequestStats.RouteFigures("GET /api/bots", 20, 0.05, 0.0, 10, 19, 20));
        assertThat(figures.get(1).clientErrorRate()).isEqualTo(0.5);
        assertThat(figures.get(1).p50Ms()).isEqualTo(3);
    }

    @Test
    void aReportReadsTheRecordsOfTheWindowFromTheApiAndWebhookLogs() {
        InMemoryLogArchive archive = new InMemoryLogArchive(List.of("webhook", "api", "sender"));
        EmbeddedMetrics emf = new EmbeddedMetrics("botfleet", clock);
        archive.add(new LogLine(NOW.minusSeconds(30), "api", emf.requestLine("GET", "/api/bots", 200, 12.5)));
        archive.add(new LogLine(NOW.minusSeconds(20), "webhook", emf.requestLine("POST", "/telegram/{botId}", 403, 2)));
        archive.add(new LogLine(NOW.minusSeconds(10), "api", "{\"level\":\"INFO\",\"message\":\"not a record\"}"));
        archive.add(new LogLine(NOW.minus(Duration.ofHours(2)), "api", emf.requestLine("GET", "/api/bots", 500, 1)));
        archive.add(new LogLine(NOW.minusSeconds(5), "sender", emf.requestLine("GET", "/api/other", 200, 1)));

        RequestStats.Report report = new RequestStats(archive, RequestRecordJson::parse, clock).report(RequestStats.Window.LAST_HOUR);

        assertThat(report.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(report.recordsRead()).isEqualTo(2);
        assertThat(report.truncated()).isFalse();
        assertThat(report.routes()).extracting(RequestStats.RouteFigures::route, RequestStats.RouteFigures::count,
                        RequestStats.RouteFigures::clientErrorRate, RequestStats.RouteFigures::p99Ms)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("GET /api/bots", 1L, 0.0, 12.5),
                        org.assertj.core.groups.Tuple.tuple("POST /telegram/{botId}", 1L, 1.0, 2.0));
        assertThat(archive.lastSelection.functions()).containsExactly("api", "webhook");
        assertThat(archive.lastSelection.numericFields()).containsExactly("RequestLatency");
        assertThat(RequestStats.Window.byId("7d")).isEmpty();
    }

    @Test
    void onlyPerRequestRecordsParse() {
        assertThat(RequestRecordJson.parse("{\"_aws\":{},\"Method\":\"GET\",\"Route\":\"/api/me\",\"StatusClass\":\"2xx\",\"RequestLatency\":[4.5]}"))
                .contains(new RequestSample("GET /api/me", 2, 4.5));
        assertThat(RequestRecordJson.parse("{\"Method\":\"GET\",\"Route\":\"/api/me\",\"StatusClass\":\"2xx\",\"RequestLatency\":4.5}")).isEmpty();
        assertThat(RequestRecordJson.parse("{\"_aws\":{},\"Method\":\"GET\",\"Route\":\"/api/me\",\"StatusClass\":\"9xx\",\"RequestLatency\":4.5}")).isEmpty();
        assertThat(RequestRecordJson.parse("plain text")).isEmpty();
    }
}
