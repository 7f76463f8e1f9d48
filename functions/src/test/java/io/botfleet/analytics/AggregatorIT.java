package io.botfleet.analytics;

import static io.botfleet.analytics.EventStream.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.shared.aws.Attributes;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The aggregator as deployed (template handler, raw SQS events, its IAM) replays the known event stream, duplicates
 * and a late event included; the counters and their expiry are read back from the table.
 */
@LocalAws
class AggregatorIT {

    static byte[] sqsEvent(List<EventStream.Message> messages) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (EventStream.Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId()).put("receiptHandle", "rh-" + m.messageId()).put("body", m.body())
                    .put("md5OfBody", "x").put("eventSource", "aws:sqs")
                    .put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:EventsQueue").put("awsRegion", "us-east-1");
            r.putObject("attributes").put("ApproximateReceiveCount", "1");
            r.putObject("messageAttributes");
        }
        return Json.writeBytes(event);
    }

    @Test
    void countsTheKnownStreamOnceWithExpiringHourlyBuckets(LocalAwsStack stack) {
        var function = stack.lambda().function("AggregatorFunction");
        for (List<EventStream.Message> batch : List.of(EventStream.firstBatch(), EventStream.firstBatch(), EventStream.secondBatch())) {
            Invocation result = function.invoke(sqsEvent(batch));
            assertThat(result.failed()).as(result.payloadText()).isFalse();
            assertThat(result.payloadText()).doesNotContain("itemIdentifier");
        }
        String table = stack.resource("StatsTable").ref();
        var store = new DynamoStatsStore(stack.clients().dynamoDb(), table, Duration.ofDays(90), Optional.empty());
        Instant day = Instant.parse("2026-11-30T00:00:00Z");
        assertThat(store.counters(BOT, Granularity.DAY, day.minus(Duration.ofDays(1)), day.plus(Duration.ofDays(1)))).isEqualTo(Map.of(
                day.minus(Duration.ofDays(1)), Map.of(Metric.MESSAGES_RECEIVED, 1L),
                day, Map.of(Metric.SUBSCRIBERS_JOINED, 2L, Metric.MESSAGES_RECEIVED, 3L, Metric.BUTTONS_PRESSED, 1L,
                        Metric.SUBSCRIBERS_BLOCKED, 1L, Metric.SUBSCRIBERS_UNBLOCKED, 1L, Metric.SUBSCRIBERS_LEFT, 1L)));
        assertThat(store.counters(BOT, Granularity.HOUR, day, day.plus(Duration.ofDays(1)))).isEqualTo(Map.of(
                day.plus(Duration.ofHours(10)), Map.of(Metric.SUBSCRIBERS_JOINED, 2L, Metric.MESSAGES_RECEIVED, 1L),
                day.plus(Duration.ofHours(11)), Map.of(Metric.MESSAGES_RECEIVED, 1L, Metric.BUTTONS_PRESSED, 1L),
                day.plus(Duration.ofHours(12)), Map.of(Metric.SUBSCRIBERS_BLOCKED, 1L),
                day.plus(Duration.ofHours(13)), Map.of(Metric.SUBSCRIBERS_UNBLOCKED, 1L, Metric.MESSAGES_RECEIVED, 1L),
                day.plus(Duration.ofHours(14)), Map.of(Metric.SUBSCRIBERS_LEFT, 1L)));

        Map<String, AttributeValue> hour = stack.clients().dynamoDb().getItem(b -> b.tableName(table)
                .key(Attributes.key("STATS#" + BOT + "#hour", "2026-11-30T10"))).item();
        assertThat(Attributes.number(hour, "expiresAt"))
                .isEqualTo(Instant.parse("2026-11-30T10:00:00Z").plus(Duration.ofDays(90)).getEpochSecond());
        Map<String, AttributeValue> daily = stack.clients().dynamoDb().getItem(b -> b.tableName(table)
                .key(Attributes.key("STATS#" + BOT + "#day", "2026-11-30"))).item();
        assertThat(daily).doesNotContainKey("expiresAt");

        StatsQuery query = new StatsQuery(store, new TestClock(Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(query.series(BOT, Metric.ACTIVE_USERS, day.minus(Duration.ofDays(1)), day.plus(Duration.ofDays(1))).points())
                .extracting(StatsQuery.Point::value).containsExactly(1L, 2L);
    }
}
