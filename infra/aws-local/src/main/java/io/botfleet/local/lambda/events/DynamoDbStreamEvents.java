package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.lambda.Invocation;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's DynamoDB stream event source mapping: the {@code DynamodbEvent} it builds from a batch of stream records,
 * its filter criteria (the event pattern syntax, matched against each record as the event holds it), and the
 * ReportBatchItemFailures response it reads.
 */
public final class DynamoDbStreamEvents {
    private DynamoDbStreamEvents() {}

    /** One record as the event carries it. */
    public static ObjectNode record(Record r, String streamArn, String region) {
        ObjectNode record = EventJson.object();
        record.put("eventID", r.eventID());
        record.put("eventName", r.eventNameAsString());
        record.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", region);
        StreamRecord s = r.dynamodb();
        ObjectNode dynamodb = record.putObject("dynamodb");
        if (s.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", image(s.keys()));
        if (s.hasNewImage()) {
            dynamodb.set("NewImage", image(s.newImage()));
        }
        if (s.hasOldImage()) {
            dynamodb.set("OldImage", image(s.oldImage()));
        }
        dynamodb.put("SequenceNumber", s.sequenceNumber());
        dynamodb.put("SizeBytes", s.sizeBytes() == null ? 0 : s.sizeBytes());
        dynamodb.put("StreamViewType", s.streamViewTypeAsString());
        record.put("eventSourceARN", streamArn);
        return record;
    }

    /**
     * Every record a stream holds now, from the trim horizon of each shard, as the event carries them: what a test or
     * a benchmark hands a function as Lambda would (the mapping itself reads as it goes, see DynamoDbStreamEventSource).
     */
    public static List<ObjectNode> readAll(DynamoDbStreamsClient streams, String streamArn, String region) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        for (var shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                response.records().forEach(r -> out.add(record(r, streamArn, region)));
                iterator = response.records().isEmpty() ? null : response.nextShardIterator();
            }
        }
        return out;
    }

    public static byte[] event(List<ObjectNode> records) {
        ObjectNode event = EventJson.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return EventJson.bytes(event);
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode image = EventJson.object();
        item.forEach((name, value) -> image.set(name, value(value)));
        return image;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode node = EventJson.object();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case M -> node.set("M", image(v.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            default -> throw new IllegalArgumentException("attribute value of unknown type: " + v);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /** Whether a record passes the mapping's filters: any one pattern matching (no filters: every record). */
    public static boolean passes(JsonNode record, List<JsonNode> patterns) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> matches(p, record));
    }

    /**
     * The event pattern rules Lambda applies: every field of the pattern must match; an object descends, an array
     * lists what the value may be — a literal, or {@code {"prefix": …}}, {@code {"exists": …}},
     * {@code {"anything-but": …}}. A rule the local stack does not know fails loudly.
     */
    static boolean matches(JsonNode pattern, JsonNode value) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode actual = value == null ? null : value.get(field.getKey());
            JsonNode rule = field.getValue();
            if (rule.isObject()) {
                if (actual == null || !actual.isObject() || !matches(rule, actual)) {
                    return false;
                }
            } else if (rule.isArray()) {
                if (!anyOf(rule, actual)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("filter pattern: the value of " + field.getKey() + " must be an object or an array");
            }
        }
        return true;
    }

    private static boolean anyOf(JsonNode rules, JsonNode actual) {
        for (JsonNode rule : rules) {
            if (rule.isObject()) {
                if (rule.has("prefix")) {
                    if (actual != null && actual.isTextual() && actual.asText().startsWith(rule.path("prefix").asText())) {
                        return true;
                    }
                } else if (rule.has("exists")) {
                    if (rule.path("exists").asBoolean() == (actual != null)) {
                        return true;
                    }
                } else if (rule.has("anything-but")) {
                    JsonNode but = rule.get("anything-but");
                    boolean excluded = but.isArray() ? contains(but, actual) : but.equals(actual);
                    if (actual != null && !excluded) {
                        return true;
                    }
                } else {
                    throw new IllegalArgumentException("filter pattern rule not supported locally: " + rule);
                }
            } else if (actual != null && literal(rule, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode array, JsonNode actual) {
        for (JsonNode e : array) {
            if (actual != null && literal(e, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean literal(JsonNode rule, JsonNode actual) {
        if (rule.isNumber() && actual.isNumber()) {
            return rule.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return rule.equals(actual);
    }

    /**
     * Where Lambda resumes after an invocation, as it reads a ReportBatchItemFailures response: the index of the
     * first record to deliver again (the batch's size when all succeeded). A failed invocation, or a response naming
     * a sequence number not in the batch, resumes at the start; without ReportBatchItemFailures only a failed
     * invocation does.
     */
    public static int resumeAt(Invocation invocation, List<String> sequenceNumbers, boolean reportBatchItemFailures) {
        if (invocation.failed()) {
            return 0;
        }
        if (!reportBatchItemFailures) {
            return sequenceNumbers.size();
        }
        JsonNode failures = Optional.ofNullable(EventJson.parse(invocation.payload()))
                .map(n -> n.path("batchItemFailures")).orElse(null);
        if (failures == null || !failures.isArray()) {
            return sequenceNumbers.size();
        }
        OptionalInt lowest = OptionalInt.empty();
        for (JsonNode failure : failures) {
            int index = sequenceNumbers.indexOf(failure.path("itemIdentifier").asText(""));
            if (index < 0) {
                return 0;
            }
            if (lowest.isEmpty() || index < lowest.getAsInt()) {
                lowest = OptionalInt.of(index);
            }
        }
        return lowest.orElse(sequenceNumbers.size());
    }
}
