package io.botfleet.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.lambda.BotsModule;
import io.botfleet.lambda.UpdateStreamFunction;
import io.botfleet.lambda.webhook.WebhookHandler;
import io.botfleet.lambda.webhook.WebhookWiring;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import io.botfleet.local.template.SamTemplate;
import io.botfleet.shared.aws.LambdaEvents;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.Limits;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Webhook figures on the local stack: AWS calls per ordinary update (1,000 updates from the emulator through the
 * function URL host, counted with the SDK interceptor; write units from the items' sizes as DynamoDB bills them), what
 * the stream consumer (UpdateStreamFunction) adds when it applies them in the template's batches, the bytes the deployed
 * webhook writes to CloudWatch Logs per update, the cost per million updates computed from those counts, then latency
 * and throughput under concurrent load.
 */
final class WebhookBench {
    static final int SUBSCRIBERS = 50;
    static final int UPDATES = 1_000;
    static final int LOG_SAMPLE = Integer.getInteger("bench.logSample", 200);
    static final int LOAD_REQUESTS = Integer.getInteger("bench.requests", 1_000);
    /** moto serialises transactions badly (it deep-copies tables and fails concurrent ones): 4 by default. */
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 4);
    /** X-Ray's default sampling rule (1 a second, then 5 %): what an Active webhook would record at volume. */
    static final double DEFAULT_SAMPLING = 0.05;
    /** S3 Standard PUT requests (the consumer archives each batch's raw events). */
    static final double S3_PER_PUT = 0.005 / 1000;

    private WebhookBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            WebhookHandler handler = new WebhookHandler(WebhookWiring.create(stack.env("WebhookFunction")));
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
            drainEvents(stack);
            AwsRequestCounter.reset();
            stack.host.resetCpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < UPDATES; i++) {
                stack.telegram.userSendsText(bot.id(), users.get(i % SUBSCRIBERS).id(), "message " + i);
            }
            awaitDelivered(stack, bot.id());
            double seconds = (System.nanoTime() - t0) / 1e9;
            AwsCost.Usage webhook = AwsCost.Usage.counted();
            double cpuMs = stack.host.cpuNanos() / 1e6 / Math.max(1, stack.host.calls());
            System.out.println("# requests during " + UPDATES + " updates: " + AwsRequestCounter.requests()
                    + "; write units: " + AwsRequestCounter.writeUnits());
            long writes = count(webhook, "DynamoDb.", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
            Bench.figure("webhook.dynamodb_writes_per_update", (double) writes / UPDATES, "calls", "target<=1");
            Bench.figure("webhook.dynamodb_wru_per_update", (double) webhook.dynamoWriteUnits() / UPDATES, "WRU", "target<=1");
            Bench.figure("webhook.dynamodb_reads_per_update", (double) webhook.dynamoReads() / UPDATES, "calls", "target<=0.01");
            Bench.figure("webhook.sqs_sends_per_update", (double) count(webhook, "Sqs.", "SendMessage", "SendMessageBatch") / UPDATES,
                    "calls", "target<=0");
            Bench.figure("webhook.handler_cpu_ms_per_update", cpuMs, "ms", "info (this machine's CPU, JIT warm)");
            Bench.figure("webhook.serial_updates_per_second", UPDATES / seconds, "updates/s", "info");

            Consumer consumer = consume(stack, botId);
            String secret = bots.registry().webhookSecrets().secretFor(botId, bots.ownership().current(botId).orElseThrow().epoch());
            double logBytes = logBytesPerUpdate(stack, botId, secret, users);
            cost(webhook, cpuMs, consumer, logBytes);

            // concurrent load straight at the function URL host (what Lambda's front end would send)
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            URI url = URI.create(stack.host.url() + "telegram/" + botId);
            ConcurrentLoad load = ConcurrentLoad.run(LOAD_REQUESTS, CONCURRENCY,
                    i -> post(http, url, secret, update(2_000_000_000L + i, users.get((int) (i % SUBSCRIBERS)).id(), "load " + i)) == 200);
            Bench.figure("webhook.latency_p50", load.percentileMillis(0.5), "ms", "info");
            Bench.figure("webhook.latency_p99", load.percentileMillis(0.99), "ms", "info");
            Bench.figure("webhook.throughput", load.perSecond(), "req/s", "info (concurrency " + CONCURRENCY + ", moto-bound)");
            Bench.figure("webhook.load_failures", load.failures(), "requests", "target<=0");
        }
        System.out.println("BENCH-END webhook");
    }

    /** USD per million updates by service, each from the counts above; the total against the product's target. */
    private static void cost(AwsCost.Usage webhook, double cpuMs, Consumer consumer, double logBytes) {
        double perUpdate = 1.0 / UPDATES;
        long awsRequests = webhook.byOperation().values().stream().mapToLong(v -> v[0]).sum();
        // Lambda bills each invocation's duration rounded up to the millisecond
        double billedMs = Math.ceil(cpuMs + (double) awsRequests / UPDATES * AwsCost.AWS_REQUEST_MS);
        Map<String, Double> usd = new java.util.LinkedHashMap<>();
        usd.put("function_url", 0.0); // only the function's invocations are billed
        usd.put("lambda", AwsCost.lambdaUsd(billedMs / 1000 * AwsCost.memoryGb("WebhookFunction"), 1));
        usd.put("dynamodb", webhook.dynamoUsd() * perUpdate);
        usd.put("sqs", webhook.sqsUsd(AwsCost.SQS_STANDARD_PER_REQUEST) * perUpdate);
        usd.put("logs", logBytes * AwsCost.LOGS_PER_BYTE_INGESTED);
        usd.put("xray", "Active".equals(webhookTracing()) ? DEFAULT_SAMPLING * AwsCost.XRAY_PER_TRACE : 0.0);
        usd.put("consumer", consumer.usd() * perUpdate);
        Bench.figure("webhook.billed_ms_per_update", billedMs, "ms",
                "assumption: handler CPU + " + AwsCost.AWS_REQUEST_MS + " ms per AWS request in-region (local waits are moto's)");
        Bench.figure("webhook.log_bytes_per_update", logBytes, "bytes", "info (deployed webhook, shipped to CloudWatch Logs)");
        usd.forEach((service, value) -> Bench.figure("webhook.cost." + service + ".usd_per_million", value * 1e6, "usd", "info"));
        Bench.figure("webhook.usd_per_million_updates", usd.values().stream().mapToDouble(Double::doubleValue).sum() * 1e6, "usd",
                "target<=1.00");
    }

    /**
     * The stream consumer as its event source runs it: the updates' stream records, in batches of the template's
     * BatchSize, through UpdateStreamFunction in this JVM (its requests counted, its CPU measured). Lambda's reads of a
     * DynamoDB stream are free; the stream is read here without counting.
     */
    private record Consumer(AwsCost.Usage usage, double billedSeconds, double gb, int invocations) {
        double usd() {
            return usage.dynamoUsd() + usage.sqsUsd(AwsCost.SQS_STANDARD_PER_REQUEST) + AwsCost.lambdaUsd(billedSeconds * gb, invocations)
                    + usage.requests("S3.PutObject") * S3_PER_PUT;
        }
    }

    private static Consumer consume(BenchStack stack, String botId) {
        List<ObjectNode> records = AwsRequestCounter.uncounted(() -> DynamoDbStreamEvents.readAll(stack.aws.dynamoDbStreams(),
                        stack.aws.resource("EphemeralTable").attribute("StreamArn"), LocalAwsStack.REGION)).stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("UPD#" + botId + "#"))
                .toList();
        // the counted run's ordinary updates only: the subscribers' /start came before it
        List<ObjectNode> ordinary = records.subList(records.size() - UPDATES, records.size());
        UpdateStreamFunction consumer = UpdateStreamFunction.fromEnv(stack.env("UpdateStreamFunction"));
        int batch = batchSize("UpdateStreamFunction");
        var threads = ManagementFactory.getThreadMXBean();
        AwsRequestCounter.reset();
        long before = threads.getCurrentThreadCpuTime();
        int invocations = 0;
        for (int from = 0; from < ordinary.size(); from += batch) {
            byte[] event = DynamoDbStreamEvents.event(ordinary.subList(from, Math.min(ordinary.size(), from + batch)));
            var response = consumer.apply(LambdaEvents.read(new java.io.ByteArrayInputStream(event), DynamodbEvent.class));
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("the consumer failed records: " + response.getBatchItemFailures());
            }
            invocations++;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - before) / 1e9;
        AwsCost.Usage usage = AwsCost.Usage.counted();
        long requests = usage.byOperation().values().stream().mapToLong(v -> v[0]).sum();
        double billed = cpuSeconds + requests * AwsCost.AWS_REQUEST_MS / 1000.0 + invocations * 0.001;
        System.out.println("# consumer: " + ordinary.size() + " records in " + invocations + " invocations; requests "
                + AwsRequestCounter.requests() + "; write units " + AwsRequestCounter.writeUnits());
        Bench.figure("webhook.consumer_wru_per_update", (double) usage.dynamoWriteUnits() / UPDATES, "WRU", "info");
        Bench.figure("webhook.consumer_dynamodb_reads_per_update", (double) usage.dynamoReads() / UPDATES, "calls", "info");
        Bench.figure("webhook.consumer_sqs_sends_per_update", (double) count(usage, "Sqs.", "SendMessage", "SendMessageBatch") / UPDATES,
                "calls", "target<=0");
        return new Consumer(usage, billed, AwsCost.memoryGb("UpdateStreamFunction"), invocations);
    }

    /** The events queue's messages, taken without counting (the event source mapping's receives are priced apart). */
    private static List<SQSEvent.SQSMessage> drainEvents(BenchStack stack) {
        List<SQSEvent.SQSMessage> out = new ArrayList<>();
        String queue = stack.env("AggregatorFunction").optional("EVENTS_QUEUE_URL").orElse(null);
        if (queue == null) {
            return out;
        }
        AwsRequestCounter.uncounted(() -> {
            var sqs = stack.aws.clients().sqs();
            while (true) {
                var received = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
                if (received.isEmpty()) {
                    return null;
                }
                for (var m : received) {
                    out.add(AnalyticsBench.message(m.messageId(), m.body()));
                    sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                }
            }
        });
        return out;
    }

    /**
     * Bytes the deployed webhook (its own process under the local Lambda service) ships to its CloudWatch Logs group
     * per ordinary update, as CloudWatch counts them (the message and 26 bytes per event), after a warm-up so that its
     * start-up lines are not counted.
     */
    private static double logBytesPerUpdate(BenchStack stack, String botId, String secret, List<EmulatedUser> users) {
        Map<String, String> overrides = Map.of("TELEGRAM_API_BASE", stack.telegram.baseUrl(), "INSTANCE_ID", "primary",
                "PUBLIC_BASE_URL", "http://127.0.0.1:9");
        HttpClient http = HttpClient.newHttpClient();
        try (LocalDeployment deployment = LocalDeployment.start(stack.aws, stack.aws.lambda(),
                new LocalDeployment.Options(overrides, 0, null, false))) {
            URI url = URI.create(deployment.functionUrl("WebhookFunction") + "telegram/" + botId);
            long updateId = 3_000_000_000L;
            for (int i = 0; i < 20; i++) {
                post(http, url, secret, update(updateId++, users.get(i % SUBSCRIBERS).id(), "warm " + i));
            }
            long before = logBytes(stack);
            int ok = 0;
            for (int i = 0; i < LOG_SAMPLE; i++) {
                ok += post(http, url, secret, update(updateId++, users.get(i % SUBSCRIBERS).id(), "message " + i)) == 200 ? 1 : 0;
            }
            long after = logBytes(stack);
            Bench.figure("webhook.log_sample_answered_200", ok, "updates", "target>=" + LOG_SAMPLE);
            drainEvents(stack);
            return (after - before) / (double) LOG_SAMPLE;
        }
    }

    private static long logBytes(BenchStack stack) {
        stack.aws.lambda().flushLogs();
        String group = stack.aws.resource("WebhookFunctionLogGroup").ref();
        return AwsRequestCounter.uncounted(() -> stack.aws.clients().logs().filterLogEventsPaginator(b -> b.logGroupName(group))
                .events().stream().mapToLong(e -> e.message().getBytes(StandardCharsets.UTF_8).length + 26L).sum());
    }

    private static String webhookTracing() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        return String.valueOf(template.resources().get("WebhookFunction").properties()
                .getOrDefault("Tracing", template.functionGlobals().get("Tracing")));
    }

    private static int batchSize(String function) {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        return SamTemplate.map(template.resources().get(function).property("Events")).values().stream()
                .map(e -> SamTemplate.map(SamTemplate.map(e).get("Properties")).get("BatchSize"))
                .filter(java.util.Objects::nonNull).map(b -> Integer.parseInt(String.valueOf(b))).findFirst().orElse(10);
    }

    private static long count(AwsCost.Usage usage, String service, String... operations) {
        long total = 0;
        for (String op : operations) {
            total += usage.requests(service + op);
        }
        return total;
    }

    private static String update(long updateId, long chat, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (updateId % 1_000_000) + ",\"date\":1700000000,\"text\":\""
                + text + "\",\"chat\":{\"id\":" + chat + ",\"type\":\"private\",\"first_name\":\"U\"},\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"U\"}}}";
    }

    private static int post(HttpClient http, URI url, String secret, String body) {
        try {
            return http.send(HttpRequest.newBuilder(url).header("content-type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", secret).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void awaitDelivered(BenchStack stack, long botId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stack.telegram.webhookInfo(botId).pendingUpdateCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
