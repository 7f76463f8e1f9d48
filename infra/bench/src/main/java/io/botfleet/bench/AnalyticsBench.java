package io.botfleet.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.botfleet.analytics.DynamoStatsStore;
import io.botfleet.analytics.Granularity;
import io.botfleet.analytics.Metric;
import io.botfleet.lambda.AggregatorFunction;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.aws.AwsClientFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The analytics aggregator over a stream of webhook events as the events queue delivers them: batches of 500
 * messages (the template's BatchSize) from a few bots, 1 % of messages delivered twice and 1 % of events a day late.
 * Counts the aggregator's DynamoDB writes (items written, a transaction's each) through the SDK interceptor and checks
 * that every event was counted exactly once.
 */
final class AnalyticsBench {
    static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    static final int BOTS = Integer.getInteger("bench.bots", 3);
    static final int BATCH = Integer.getInteger("bench.batch", 500);
    static final int CHATS = Integer.getInteger("bench.chats", 2_000);

    private AnalyticsBench() {}

    static void run() throws Exception {
        try (BenchStack stack = new BenchStack()) {
            Env env = stack.env("AggregatorFunction");
            AggregatorFunction function = AggregatorFunction.fromEnv(env);
            Random random = new Random(42);
            Instant start = Instant.parse("2026-11-30T09:00:00Z");
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            Map<String, Long> expected = new HashMap<>();
            long[] updateIds = new long[BOTS];
            int events = 0;
            while (events < EVENTS) {
                int bot = random.nextInt(BOTS);
                long updateId = 1_000_000L + updateIds[bot]++;
                Instant at = start.plusSeconds(events / 2);
                if (random.nextInt(100) == 0) {
                    at = at.minus(Duration.ofDays(1));
                }
                String botId = Long.toString(900_000 + bot);
                String chat = Long.toString(10_000 + random.nextInt(CHATS));
                List<String> body = new ArrayList<>();
                body.add(event(botId, updateId, "message.received", chat, at));
                if (random.nextInt(10) == 0) {
                    body.add(event(botId, updateId, "subscriber.joined", chat, at));
                }
                expected.merge(botId + " " + Granularity.DAY.label(Granularity.DAY.bucket(at)), (long) body.size(), Long::sum);
                events += body.size();
                messages.add(message("m" + messages.size(), "{\"v\":1,\"events\":[" + String.join(",", body) + "]}"));
                if (random.nextInt(100) == 0) {
                    messages.add(messages.getLast());
                }
            }
            AwsRequestCounter.reset();
            long began = System.nanoTime();
            int failed = 0;
            for (int from = 0; from < messages.size(); from += BATCH) {
                SQSEvent event = new SQSEvent();
                event.setRecords(messages.subList(from, Math.min(messages.size(), from + BATCH)));
                SQSBatchResponse response = function.apply(event);
                failed += response.getBatchItemFailures().size();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            long writes = AwsRequestCounter.writeItems().entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb."))
                    .mapToLong(Map.Entry::getValue).sum();
            long units = AwsRequestCounter.writeUnits().entrySet().stream().filter(e -> e.getKey().startsWith("DynamoDb."))
                    .mapToLong(Map.Entry::getValue).sum();
            System.out.printf("# %d events in %d messages (%d bots, batches of %d); requests %s; items written %s%n", events,
                    messages.size(), BOTS, BATCH, AwsRequestCounter.requests(), AwsRequestCounter.writeItems());
            // read back as the API reads (the aggregator itself may not Query)
            long wrong = wrongDays(stack.env("ApiFunction"), expected);
            Bench.figure("analytics.events_per_second", events / seconds, "events/s", "info (moto on this machine; in-process aggregator)");
            Bench.figure("analytics.dynamodb_writes_per_1000_events", writes * 1000.0 / events, "writes", "target<=50");
            Bench.figure("analytics.dynamodb_write_units_per_1000_events", units * 1000.0 / events, "WCU",
                    "info (updates counted 1 unit each; see docs/data-model.md for their size-based cost)");
            Bench.figure("analytics.days_miscounted", wrong, "bot-days", "target<=0 (" + failed + " messages failed)");
            Bench.end("analytics");
        }
    }

    private static long wrongDays(Env env, Map<String, Long> expected) {
        var store = new DynamoStatsStore(new AwsClientFactory(env, PlatformConfig.from(env)).dynamoDb(), env.required("STATS_TABLE"),
                Duration.ofDays(90), Optional.empty());
        return AwsRequestCounter.uncounted(() -> expected.entrySet().stream().filter(e -> {
            String[] key = e.getKey().split(" ");
            Instant day = Instant.parse(key[1] + "T00:00:00Z");
            Map<Metric, Long> counts = store.counters(key[0], Granularity.DAY, day, day.plus(Duration.ofDays(1))).getOrDefault(day, Map.of());
            long counted = counts.values().stream().mapToLong(Long::longValue).sum();
            if (counted != e.getValue()) {
                System.out.println("# " + e.getKey() + ": counted " + counted + ", sent " + e.getValue());
            }
            return counted != e.getValue();
        }).count());
    }

    private static String event(String botId, long updateId, String type, String chat, Instant at) {
        return "{\"eventId\":\"%s:%d:%s\",\"type\":\"%s\",\"botId\":\"%s\",\"chatId\":\"%s\",\"at\":\"%s\",\"updateId\":%d}"
                .formatted(botId, updateId, type, type, botId, chat, at, updateId);
    }

    static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setReceiptHandle("rh-" + id);
        message.setBody(body);
        message.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:EventsQueue");
        return message;
    }
}
