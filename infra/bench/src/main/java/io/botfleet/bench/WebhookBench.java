package io.botfleet.bench;

import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookWiring;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Webhook figures on the local stack: AWS calls per ordinary update (1,000 updates from the emulator, counted with an
 * SDK interceptor), then latency and throughput of the HTTP-hosted webhook under concurrent load.
 */
final class WebhookBench {
    static final int SUBSCRIBERS = 50;
    static final int UPDATES = 1_000;
    static final int LOAD_REQUESTS = Integer.getInteger("bench.requests", 1_000);
    /** moto serialises transactions badly (it deep-copies tables and fails concurrent ones): 4 by default. */
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 4);

    private WebhookBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            CallCounter counter = new CallCounter();
            WebhookHandler handler = new WebhookHandler(WebhookWiring.create(stack.env("WebhookFunction"), counter));
            stack.host.handler.set(handler);
            BotsModule bots = stack.bots();
            EmulatedBot bot = stack.telegram.createBot("bench_bot", "Bench");
            stack.telegram.setLimits(bot.id(), new Limits(10_000, 10_000, 10_000, 10_000));
            bots.registry().register(bot.token(), "bench");
            String botId = Long.toString(bot.id());

            List<EmulatedUser> users = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                EmulatedUser u = stack.telegram.createUser("User" + i, "user" + i, i % 2 == 0 ? "en" : "de");
                users.add(u);
                stack.telegram.userSendsStart(bot.id(), u.id(), "bench");
            }
            awaitDelivered(stack, bot.id());
            counter.reset();
            long t0 = System.nanoTime();
            for (int i = 0; i < UPDATES; i++) {
                stack.telegram.userSendsText(bot.id(), users.get(i % SUBSCRIBERS).id(), "message " + i);
            }
            awaitDelivered(stack, bot.id());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long writes = counter.count("DynamoDb", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
            long reads = counter.count("DynamoDb", "GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems");
            long sends = counter.count("Sqs", "SendMessage", "SendMessageBatch");
            System.out.println("# calls during " + UPDATES + " updates: " + counter.all());
            Bench.figure("webhook.dynamodb_writes_per_update", (double) writes / UPDATES, "calls", "target<=2");
            Bench.figure("webhook.dynamodb_reads_per_update", (double) reads / UPDATES, "calls", "target<=1");
            Bench.figure("webhook.sqs_sends_per_update", (double) sends / UPDATES, "calls", "target<=1");
            Bench.figure("webhook.serial_updates_per_second", UPDATES / seconds, "updates/s", "info");

            // concurrent load straight at the HTTP host (what API Gateway would send)
            String secret = bots.registry().webhookSecrets().secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            URI url = URI.create(stack.host.baseUrl() + "/telegram/" + botId);
            ConcurrentLoad load = ConcurrentLoad.run(LOAD_REQUESTS, CONCURRENCY, i -> {
                long chat = users.get((int) (i % SUBSCRIBERS)).id();
                String body = "{\"update_id\":" + (2_000_000_000L + i) + ",\"message\":{\"message_id\":" + i
                        + ",\"date\":1700000000,\"text\":\"load " + i + "\",\"chat\":{\"id\":" + chat
                        + ",\"type\":\"private\",\"first_name\":\"U\"},\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"U\"}}}";
                try {
                    return http.send(HttpRequest.newBuilder(url).header("content-type", "application/json")
                            .header("X-Telegram-Bot-Api-Secret-Token", secret).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            Bench.figure("webhook.latency_p50", load.percentileMillis(0.5), "ms", "info");
            Bench.figure("webhook.latency_p99", load.percentileMillis(0.99), "ms", "info");
            Bench.figure("webhook.throughput", load.perSecond(), "req/s", "info (concurrency " + CONCURRENCY + ", moto-bound)");
            Bench.figure("webhook.load_failures", load.failures(), "requests", "target<=0");
        }
        System.out.println("BENCH-END webhook");
    }

    private static void awaitDelivered(BenchStack stack, long botId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stack.telegram.webhookInfo(botId).pendingUpdateCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
