package io.botfleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.runner.LocalRunner;
import io.botfleet.runner.RunnerOptions;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Push latency of live campaign progress: from the sender's ledger write (the campaign's counters' {@code updatedAt},
 * written in the same transaction as the ledger) to the dashboard's socket receiving the state that shows it. The
 * whole product runs as {@code ./botfleet run} runs it; each run is a one-batch campaign, measured on its last write
 * and its completed state. A first campaign warms the sender up and is not counted. Medians of {@code bench.runs} (9).
 */
final class LiveBench {
    static final int RUNS = Integer.getInteger("bench.runs", 9);
    static final int SUBSCRIBERS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = RunnerApi.PATIENCE;

    private final HttpClient http = HttpClient.newHttpClient();
    private final LocalRunner runner;
    private final RunnerApi api;

    private LiveBench(LocalRunner runner) {
        this.runner = runner;
        this.api = new RunnerApi(runner);
    }

    static void run() throws Exception {
        try (LocalRunner runner = LocalRunner.start(RunnerOptions.ephemeral())) {
            if (runner.awaitHealthy(PATIENCE) != 200) {
                throw new IllegalStateException("the local runner did not become healthy");
            }
            new LiveBench(runner).measure();
        }
    }

    private void measure() throws Exception {
        api.signIn();
        EmulatedBot bot = runner.telegram().createBot("live_bench_bot", "Live bench");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots", Map.of("token", bot.token()));
        for (int i = 0; i < SUBSCRIBERS; i++) {
            runner.telegram().userSendsStart(bot.id(), runner.telegram().createUser("Reader" + i, "live_reader" + i, "en").id(), null);
        }
        RunnerApi.await(() -> api.call("GET", "/api/bots/" + botId + "/subscribers?status=active&limit=100", null).path("items").size()
                == SUBSCRIBERS);
        Dashboard dashboard = new Dashboard();
        http.newWebSocketBuilder().buildAsync(URI.create(runner.wsUrl() + "?token=" + api.accessToken()), dashboard)
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        latencyMillis(botId, dashboard);
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            latencies.add(latencyMillis(botId, dashboard));
        }
        latencies.sort(Double::compare);
        Bench.figure("dashboard.push_latency_p50_ms", latencies.get(latencies.size() / 2), "ms", "target<=1000");
        Bench.figure("dashboard.push_latency_max_ms", latencies.getLast(), "ms", null);
        Bench.end("live");
    }

    /** One campaign: the time from its last counted ledger write to the dashboard receiving its completed state. */
    private double latencyMillis(String botId, Dashboard dashboard) throws Exception {
        String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns",
                Map.of("name", "Bench", "content", Map.of("text", "Hello", "parseMode", "none"))).path("id").asText();
        api.call("POST", "/api/campaigns/" + campaignId + "/start", Map.of());
        String topic = "campaign:" + botId + ":" + campaignId;
        RunnerApi.await(() -> dashboard.completed.containsKey(topic));
        Map<String, AttributeValue> progress = runner.aws().clients().dynamoDb().getItem(b -> b
                .tableName(runner.aws().resource("CampaignsTable").ref())
                .key(Map.of("pk", AttributeValue.fromS("CAMPAIGN#" + campaignId), "sk", AttributeValue.fromS("PROGRESS")))
                .consistentRead(true)).item();
        Instant written = Instant.parse(progress.get("updatedAt").s());
        return Duration.between(written, dashboard.completed.get(topic)).toNanos() / 1e6;
    }

    /** A dashboard's socket: when each campaign's completed state arrived. */
    private static final class Dashboard implements WebSocket.Listener {
        final Map<String, Instant> completed = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            Instant at = Instant.now();
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.path("state").path("status").asText().equals("completed")) {
                        completed.putIfAbsent(message.path("topic").asText(), at);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("a frame that is not JSON", e);
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
