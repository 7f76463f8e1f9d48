package io.botfleet.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.UpdateStreamFunction;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookWiring;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import io.botfleet.shared.aws.LambdaEvents;
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
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Webhook figures on the local stack: AWS calls and DynamoDB write units per ordinary update (1,000 updates from the
 * emulator, counted with an SDK interceptor; units from the written items' sizes as DynamoDB bills them), what the
 * stream consumer (UpdateStreamFunction) adds per update when it applies those updates in the template's batches,
 * then latency and throughput of the HTTP-hosted webhook under concurrent load.
 */
final class WebhookBench {
    static final int SUBSCRIBERS = 50;
    static final int UPDATES = 1_000;
    static final int LOAD_REQUESTS = Integer.getInteger("bench.requests", 1_000);
    /** moto serialises transactions badly (it deep-copies tables and fails concurrent ones): 4 by default. */
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 4);
    /** UpdateStreamFunction's BatchSize in template.yaml. */
    static final int STREAM_BATCH = 500;

    private WebhookBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            CallCounter counter = new CallCounter();
            WebhookHandler handler = new WebhookHandler(WebhookWiring.create(stack.env("WebhookFunction"), counter));
            stack.host.handler.set(handler);
            BotsModule bots = stack.bots();
            EmulatedBot bot = stack.telegram.createBot("bench_bot", "Bench");
            stack.telegram.setLimits(bot.id(), new Limits(10_000, 10_000, 10_000, 10_000));
            bots.registry().register(bot.token(), "bench", Optional.empty());
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
            Bench.figure("webhook.dynamodb_writes_per_update", (double) counter.writeUnits() / UPDATES, "write units", "target<=1");
            Bench.figure("webhook.dynamodb_write_calls_per_update", (double) writes / UPDATES, "calls", "target<=1");
            Bench.figure("webhook.dynamodb_reads_per_update", (double) reads / UPDATES, "calls", "target<=0.01");
            Bench.figure("webhook.sqs_sends_per_update", (double) sends / UPDATES, "calls", "target<=0");
            Bench.figure("webhook.serial_updates_per_second", UPDATES / seconds, "updates/s", "info");
            consumer(stack, botId);

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

    /**
     * The stream consumer over what the webhook wrote, in batches of the template's BatchSize, as Lambda delivers
     * them (the stream is read here; reading it is free on AWS): its DynamoDB calls and write units per update.
     */
    private static void consumer(BenchStack stack, String botId) {
        CallCounter counter = new CallCounter();
        UpdateStreamFunction function = UpdateStreamFunction.fromEnv(stack.env("UpdateStreamFunction"), counter);
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = DynamoDbStreamEvents.readAll(stack.aws.dynamoDbStreams(),
                        stack.aws.resource("EphemeralTable").attribute("StreamArn"), LocalAwsStack.REGION).stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("UPD#" + botId + "#"))
                .toList();
        // the ordinary updates only: the subscribers' /start came before the counted run
        List<com.fasterxml.jackson.databind.node.ObjectNode> ordinary = records.subList(records.size() - UPDATES, records.size());
        int batches = 0;
        for (int from = 0; from < ordinary.size(); from += STREAM_BATCH) {
            byte[] event = DynamoDbStreamEvents.event(ordinary.subList(from, Math.min(ordinary.size(), from + STREAM_BATCH)));
            var response = function.apply(LambdaEvents.read(new java.io.ByteArrayInputStream(event), DynamodbEvent.class));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("the consumer failed records: " + response.getBatchItemFailures());
            }
            batches++;
        }
        System.out.println("# consumer calls for " + UPDATES + " updates in " + batches + " batches: " + counter.all());
        Bench.figure("webhook.consumer_dynamodb_write_units_per_update", (double) counter.writeUnits() / UPDATES, "write units", "info");
        Bench.figure("webhook.consumer_dynamodb_reads_per_update", (double) counter.count("DynamoDb", "GetItem", "BatchGetItem", "Query")
                / UPDATES, "calls", "info");
        Bench.figure("webhook.consumer_sqs_sends_per_update", (double) counter.count("Sqs", "SendMessage", "SendMessageBatch") / UPDATES,
                "calls", "target<=0");
    }

    private static void awaitDelivered(BenchStack stack, long botId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stack.telegram.webhookInfo(botId).pendingUpdateCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
