package io.botfleet.bench;

import io.botfleet.runner.LocalRunner;
import io.botfleet.runner.RunnerOptions;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether the dashboard stays responsive at scale: one bot with {@code bench.subscribers} (100,000) subscribers and
 * {@code bench.campaigns} (1,000) campaigns on the whole local product. Prints the API's latency for the pages the
 * subscribers table and the campaign list ask for (first page, a later page by cursor, filtered pages; medians of
 * {@code bench.runs}), then runs web/e2e/scale.bench.mjs, which measures in headless Chromium the time from a click to
 * the rows on screen. Every list is paged on the server (50 subscribers, 25 campaigns a page), so no figure should
 * grow with the totals; the filtered pages that DynamoDB answers with a filter over the bot's partition are the ones
 * to watch.
 */
final class DashboardScaleBench {
    static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 100_000);
    static final int CAMPAIGNS = Integer.getInteger("bench.campaigns", 1_000);
    static final int RUNS = Integer.getInteger("bench.runs", 9);
    private static final String[] LANGUAGES = {"en", "ru", "de", "es"};

    private final LocalRunner runner;
    private final BenchApi api;
    private String botId;

    private DashboardScaleBench(LocalRunner runner) {
        this.runner = runner;
        this.api = new BenchApi(runner);
    }

    static void run() throws Exception {
        try (LocalRunner runner = LocalRunner.start(RunnerOptions.ephemeral())) {
            if (runner.awaitHealthy(BenchApi.PATIENCE) != 200) {
                throw new IllegalStateException("the local runner did not become healthy");
            }
            new DashboardScaleBench(runner).measure();
        }
    }

    private void measure() throws Exception {
        api.signInAsOwner();
        EmulatedBot bot = runner.telegram().createBot("scale_bench_bot", "Scale bench");
        botId = Long.toString(bot.id());
        api.call("POST", "/api/bots", Map.of("token", bot.token()));
        long started = System.nanoTime();
        seedSubscribers();
        System.out.printf("seeded %,d subscribers in %d s%n", SUBSCRIBERS, (System.nanoTime() - started) / 1_000_000_000);
        started = System.nanoTime();
        createCampaigns();
        System.out.printf("created %,d campaigns through the API in %d s%n", CAMPAIGNS, (System.nanoTime() - started) / 1_000_000_000);

        double floor = emulatorFloor();
        String subscribers = "/api/bots/" + botId + "/subscribers?limit=50";
        String second = subscribers + "&cursor=" + api.call("GET", subscribers, null).path("cursor").asText();
        double first = figure("dashboard.api_subscribers_first_page_p50_ms", subscribers);
        // what the product adds to the one query it cannot do without: the function, the auth check, the counts
        Bench.figure("dashboard.api_subscribers_first_page_over_emulator_ms", first - floor, "ms", "target<=300");
        figure("dashboard.api_subscribers_next_page_p50_ms", second);
        figure("dashboard.api_subscribers_blocked_page_p50_ms", subscribers + "&status=blocked");
        figure("dashboard.api_subscribers_tag_page_p50_ms", subscribers + "&tag=vip");
        figure("dashboard.api_subscribers_language_page_p50_ms", subscribers + "&language=de");
        String campaigns = "/api/bots/" + botId + "/campaigns?limit=25";
        figure("dashboard.api_campaigns_first_page_p50_ms", campaigns);
        figure("dashboard.api_campaigns_next_page_p50_ms",
                campaigns + "&cursor=" + api.call("GET", campaigns, null).path("nextCursor").asText());
        figure("dashboard.api_bots_list_p50_ms", "/api/bots");
        browser();
        Bench.end("dashboard");
    }

    /** 5 % blocked, 2 % left, the rest active; one in ten tagged {@code vip}; four languages; joined over a year. */
    private void seedSubscribers() {
        Instant now = Instant.now();
        String table = runner.aws().resource("SubscribersTable").ref();
        try (SubscriberSeed seed = new SubscriberSeed(runner.aws().clients().dynamoDb(), table, botId)) {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String status = i % 20 == 0 ? "blocked" : i % 50 == 1 ? "left" : "active";
                seed.add(new SubscriberSeed.Row(1_000_000_000L + i, status, "Reader " + i, LANGUAGES[i % LANGUAGES.length],
                        i % 10 == 3 ? Set.of("vip") : Set.of(), now.minus(Duration.ofMinutes((long) i * 5))));
            }
        }
    }

    private void createCampaigns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < CAMPAIGNS; i++) {
                int n = i;
                created.add(pool.submit(() -> api.call("POST", "/api/bots/" + botId + "/campaigns", Map.of(
                        "name", "Campaign " + n, "content", Map.of("text", "Offer <b>" + n + "</b>", "parseMode", "HTML")))));
            }
            for (Future<?> f : created) {
                f.get(BenchApi.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One DynamoDB query of the first 50 subscribers straight to the emulator, no function in between: what the local
     * stack itself costs for every subscribers page (moto reads a whole partition to answer a query; DynamoDB reads
     * only the page), to set the API's figures against.
     */
    private double emulatorFloor() {
        String table = runner.aws().resource("SubscribersTable").ref();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            long t = System.nanoTime();
            runner.aws().clients().dynamoDb().query(b -> b.tableName(table).keyConditionExpression("botId = :b")
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(botId))).limit(50));
            if (i > 0) {
                millis.add((System.nanoTime() - t) / 1e6);
            }
        }
        millis.sort(Double::compare);
        double p50 = millis.get(millis.size() / 2);
        Bench.figure("dashboard.emulator_query_50_of_" + SUBSCRIBERS + "_p50_ms", p50, "ms", null);
        return p50;
    }

    /** The median of {@link #RUNS} requests of the path, after one that warms the function and the path up; printed. */
    private double figure(String name, String path) {
        api.call("GET", path, null);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            api.call("GET", path, null);
            millis.add((System.nanoTime() - t) / 1e6);
        }
        millis.sort(Double::compare);
        double p50 = millis.get(millis.size() / 2);
        // no target: on the local stack every subscribers page costs at least the emulator's full-partition query
        Bench.figure(name, p50, "ms", null);
        return p50;
    }

    /** web/e2e/scale.bench.mjs in Chromium: it prints its own BENCH lines, which pass through. */
    private void browser() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        ProcessBuilder script = new ProcessBuilder("node", "web/e2e/scale.bench.mjs").directory(root.toFile())
                .redirectErrorStream(true);
        script.environment().putAll(Map.of("BASE_URL", runner.baseUrl().toString(), "BOT_ID", botId,
                "OWNER_EMAIL", BenchApi.OWNER_EMAIL, "OWNER_PASSWORD", BenchApi.OWNER_PASSWORD,
                "RUNS", Integer.toString(Math.max(3, RUNS / 2))));
        Process process = script.start();
        process.inputReader().lines().forEach(System.out::println);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("the browser part of the benchmark failed (its output is above)");
        }
    }
}
