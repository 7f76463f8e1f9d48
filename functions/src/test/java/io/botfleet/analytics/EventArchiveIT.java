package io.botfleet.analytics;

import static io.botfleet.bots.BotTestKit.call;
import static io.botfleet.bots.BotTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The raw event archive as deployed: the aggregator through its template handler with raw SQS events and its IAM
 * writes gzip NDJSON files under date/bot partitions of EventArchiveBucket; a write S3 refuses retries the messages
 * without counting them twice; redeliveries leave no duplicates in what {@code GET /api/bots/{botId}/events} answers.
 */
@LocalAws
class EventArchiveIT {
    static TelegramEmulator telegram;
    static BotTestKit.Caller owner;
    static String botId;
    static String bucket;

    @BeforeAll
    static void archive(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        owner = BotTestKit.owner(stack, "http://127.0.0.1:9", telegram.baseUrl(), "primary");
        var module = BotTestKit.module(BotTestKit.env(stack, "ApiFunction", "http://127.0.0.1:9", telegram.baseUrl(), "primary", Map.of()));
        var bot = telegram.createBot("archive_bot", "Archive");
        module.registry().register(bot.token(), "test");
        botId = Long.toString(bot.id());
        bucket = stack.resource("EventArchiveBucket").ref();
    }

    @AfterAll
    static void stop() {
        telegram.close();
    }

    static String event(long updateId, String type, String at) {
        return """
                {"eventId":"%s:%d:%s","type":"%s","botId":"%s","chatId":"55","at":"%s","updateId":%d}"""
                .formatted(botId, updateId, type, type, botId, at, updateId);
    }

    static EventStream.Message message(String id, String... events) {
        return new EventStream.Message(id, EventStream.body(events));
    }

    static List<EventStream.Message> batch() {
        return List.of(
                message("a1", event(1, "subscriber.joined", "2026-11-30T10:05:00Z"), event(1, "message.received", "2026-11-30T10:05:00Z")),
                message("a2", event(2, "message.received", "2026-11-30T11:01:00Z")),
                message("a3", event(3, "button.pressed", "2026-11-30T23:59:30Z")),
                message("a4", event(4, "message.received", "2026-12-01T00:00:10Z")));
    }

    private static List<String> failedIds(LambdaFunction function, List<EventStream.Message> messages) {
        Invocation result = function.invoke(AggregatorIT.sqsEvent(messages));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return Json.read(result.payload(), JsonNode.class).path("batchItemFailures").findValuesAsText("itemIdentifier");
    }

    private static long messagesOn30(LocalAwsStack stack) {
        var store = new DynamoStatsStore(stack.clients().dynamoDb(), stack.resource("StatsTable").ref(), Duration.ofDays(90), Optional.empty());
        Instant day = Instant.parse("2026-11-30T00:00:00Z");
        return store.counters(botId, Granularity.DAY, day, day.plus(Duration.ofDays(1))).get(day).get(Metric.MESSAGES_RECEIVED);
    }

    @Test
    void archivesPartitionedGzipNdjsonAndAnswersEachEventOfTheRangeOnce(LocalAwsStack stack) throws Exception {
        // S3 refuses the writes (a bucket the role may not write): every message is retried, its counts already made
        LambdaFunction refused = stack.lambda().function("AggregatorFunction", Map.of("EVENT_ARCHIVE_BUCKET", "elsewhere-" + bucket));
        assertThat(failedIds(refused, batch())).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
        assertThat(messagesOn30(stack)).isEqualTo(2);

        LambdaFunction aggregator = stack.lambda().function("AggregatorFunction");
        assertThat(failedIds(aggregator, batch())).isEmpty();
        assertThat(messagesOn30(stack)).as("the retry counted nothing twice").isEqualTo(2);
        // the whole batch again (same keys), then a2 once more beside a new message (another file)
        assertThat(failedIds(aggregator, batch())).isEmpty();
        assertThat(failedIds(aggregator, List.of(batch().get(1), message("a5", event(5, "message.received", "2026-11-30T12:00:00Z"))))).isEmpty();
        assertThat(messagesOn30(stack)).isEqualTo(3);

        var s3 = stack.clients().s3();
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("events/")).contents().stream().map(S3Object::key).toList();
        String day30 = "events/date=2026-11-30/bot=" + botId + "/";
        assertThat(keys).hasSize(3).allMatch(k -> k.matches("events/date=2026-(11-30|12-01)/bot=" + botId + "/\\d\\d-[0-9a-f]{32}\\.ndjson\\.gz"));
        assertThat(keys).filteredOn(k -> k.startsWith(day30)).hasSize(2).anyMatch(k -> k.startsWith(day30 + "10-"))
                .anyMatch(k -> k.startsWith(day30 + "11-"));
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            byte[] gzip = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            assertThat(gzip[0] & 0xff).isEqualTo(0x1f);
            assertThat(gzip[1] & 0xff).isEqualTo(0x8b);
            lines.addAll(NdjsonGzip.decode(gzip));
        }
        assertThat(lines).hasSize(7).allSatisfy(l -> assertThat(Json.read(l.getBytes(StandardCharsets.UTF_8), JsonNode.class)
                .path("botId").asText()).isEqualTo(botId));

        HttpResponse day = events(Map.of("from", "2026-11-30", "to", "2026-12-01"));
        assertThat(day.status()).as(day.bodyText()).isEqualTo(200);
        assertThat(day.headers().get("content-type")).startsWith("application/x-ndjson");
        assertThat(day.headers().get("content-disposition")).startsWith("attachment; filename=\"events-" + botId + "-20261130T000000Z-");
        assertThat(day.bodyText()).isEqualTo(String.join("\n", event(1, "message.received", "2026-11-30T10:05:00Z"),
                event(1, "subscriber.joined", "2026-11-30T10:05:00Z"), event(2, "message.received", "2026-11-30T11:01:00Z"),
                event(5, "message.received", "2026-11-30T12:00:00Z"), event(3, "button.pressed", "2026-11-30T23:59:30Z")) + "\n");
        HttpResponse hours = events(Map.of("from", "2026-11-30T11:00:00Z", "to", "2026-12-01T00:00:10Z"));
        assertThat(Arrays.stream(hours.bodyText().split("\n")).map(l -> EventBatchJson.archivedEvent(l).eventId()))
                .containsExactly(botId + ":2:message.received", botId + ":5:message.received", botId + ":3:button.pressed");
        assertThat(events(Map.of("from", "2026-12-01T00:00:10Z", "to", "2026-12-02")).bodyText())
                .isEqualTo(event(4, "message.received", "2026-12-01T00:00:10Z") + "\n");

        // the operator's command reads the same, whole days, straight from the bucket
        java.io.StringWriter out = new java.io.StringWriter();
        var request = ArchiveCommand.parse(List.of("--bucket", bucket, "--bot", botId, "--from", "2026-11-30", "--to", "2026-12-01"));
        assertThat(ArchiveCommand.write(new AwsArchiveBucket(s3, bucket), request, out)).isEqualTo(6);
        assertThat(out.toString()).isEqualTo(day.bodyText() + event(4, "message.received", "2026-12-01T00:00:10Z") + "\n");
    }

    @Test
    void badRangesAre422NamingTheField() {
        assertThat(fields(events(Map.of("from", "yesterday")))).containsExactly("from");
        assertThat(fields(events(Map.of("from", "2026-11-30", "to", "2026-11-30")))).containsExactly("from");
        assertThat(fields(events(Map.of("from", "2026-10-01", "to", "2026-12-01")))).containsExactly("to");
        assertThat(call(owner, "GET", "/api/bots/999/events", Map.of(), null, Map.of()).status()).isEqualTo(404);
    }

    private static List<String> fields(HttpResponse response) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(422);
        return json(response).path("errors").findValuesAsText("field");
    }

    private static HttpResponse events(Map<String, String> query) {
        return call(owner, "GET", "/api/bots/" + botId + "/events", query, null, Map.of());
    }
}
