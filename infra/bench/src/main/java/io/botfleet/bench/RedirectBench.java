package io.botfleet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.runner.LocalRunner;
import io.botfleet.runner.RunnerOptions;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.ReceivedMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The ad click redirect ({@code GET /r/{code}}) as deployed locally ({@code ./botfleet run}'s runner): an ad with a
 * URL button is sent to {@code bench.readers} readers through the planner and sender, then their links are opened
 * {@code bench.requests} times by {@code bench.concurrency} clients, round robin (so most taps repeat a reader's
 * click): latency per tap (the HTTP API, the redirect function in its own JVM, its one UpdateItem through the AWS
 * gateway to moto), throughput, and that every tap was counted once.
 */
final class RedirectBench {
    static final int READERS = Integer.getInteger("bench.readers", 50);
    static final int REQUESTS = Integer.getInteger("bench.requests", 2_000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    static final int WARM_UP = 100;

    private RedirectBench() {}

    static void run() throws Exception {
        try (LocalRunner runner = LocalRunner.start(RunnerOptions.ephemeral())) {
            if (runner.awaitHealthy(BenchApi.PATIENCE) != 200) {
                throw new IllegalStateException("the local runner did not become healthy");
            }
            measure(runner, new BenchApi(runner).signInAsOwner());
        }
    }

    private static void measure(LocalRunner runner, BenchApi api) throws Exception {
        EmulatedBot bot = runner.telegram().createBot("redirect_bench_bot", "Redirect bench");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots", Map.of("token", bot.token()));
        List<Long> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            long reader = runner.telegram().createUser("Reader" + i, "redirect_reader" + i, "en").id();
            runner.telegram().userSendsStart(bot.id(), reader, null);
            readers.add(reader);
        }
        BenchApi.await(() -> api.call("GET", "/api/bots/" + botId + "/subscribers?status=active&limit=200", null)
                .path("items").size() == READERS);
        String advertiser = api.call("POST", "/api/advertisers", Map.of("name", "Bench Ads")).path("id").asText();
        String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns", Map.of("name", "Redirect bench", "content",
                Map.of("text", "Tap the button", "parseMode", "none",
                        "keyboard", List.of(List.of(Map.of("text", "Open", "url", "https://example.com/landing")))))).path("id").asText();
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("campaignId", campaignId);
        order.put("advertiserId", advertiser);
        order.put("pricingModel", "cpc");
        order.put("price", 10);
        order.put("currency", "USD");
        api.call("POST", "/api/ads", order);
        api.call("POST", "/api/campaigns/" + campaignId + "/start", Map.of());
        BenchApi.await(() -> api.call("GET", "/api/campaigns/" + campaignId + "/progress", null).path("status").asText().equals("completed"));
        List<URI> links = new ArrayList<>();
        for (long reader : readers) {
            // the ad, not the bot's answer to /start
            ReceivedMessage m = runner.telegram().messagesReceivedBy(bot.id(), reader).stream()
                    .filter(r -> r.replyMarkup() != null).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            var rows = (List<List<Map<String, Object>>>) m.replyMarkup().get("inline_keyboard");
            links.add(URI.create(String.valueOf(rows.getFirst().getFirst().get("url"))));
        }

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        // the redirect function starts on its first tap (its JVM, then warm): measured apart from the load
        long coldStart = System.nanoTime();
        tap(http, links.getFirst());
        double firstTapMs = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 1; i < WARM_UP; i++) {
            tap(http, links.get(i % links.size()));
        }
        ConcurrentLoad load = ConcurrentLoad.run(REQUESTS, CONCURRENCY, i -> tap(http, links.get((int) (i % links.size()))));
        JsonNode total = api.call("GET", "/api/ads/" + campaignId + "/report", null).path("total");
        Bench.figure("redirect.first_tap_ms", firstTapMs, "ms", "info (the function's JVM starting)");
        Bench.figure("redirect.latency_p50", load.percentileMillis(0.5), "ms", "target<=100");
        Bench.figure("redirect.latency_p99", load.percentileMillis(0.99), "ms", "info");
        Bench.figure("redirect.throughput", load.perSecond(), "req/s", "info (concurrency " + CONCURRENCY + ", moto-bound)");
        Bench.figure("redirect.failures", load.failures(), "requests", "target<=0");
        Bench.figure("redirect.clicks_counted_ratio", total.path("totalClicks").asDouble() / (WARM_UP + REQUESTS), "ratio", "target>=1");
        Bench.figure("redirect.unique_clicks", total.path("uniqueClicks").asLong(), "clicks", "target>=" + READERS);
        Bench.end("redirect");
    }

    /** @return whether the tap was answered 302 to the ad's URL */
    private static boolean tap(HttpClient http, URI link) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 302 && "https://example.com/landing".equals(r.headers().firstValue("location").orElse(""));
        } catch (Exception e) {
            return false;
        }
    }
}
