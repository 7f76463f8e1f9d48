package io.botfleet.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The event Lambda builds from stream records, its filter criteria and how it reads a partial batch response. */
class DynamoDbStreamEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-11-30T00:00:00.000";

    static JsonNode record(String eventName, String pk, String sequence) {
        Record r = Record.builder().eventID("e-" + sequence).eventName(OperationType.fromValue(eventName)).eventVersion("1.1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.ofEpochSecond(1795688100))
                        .keys(Map.of("pk", AttributeValue.fromS(pk)))
                        .newImage(Map.of("pk", AttributeValue.fromS(pk), "n", AttributeValue.fromN("7"),
                                "l", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("t", AttributeValue.fromBool(true)))))))
                        .sequenceNumber(sequence).sizeBytes(42L).streamViewType(StreamViewType.NEW_IMAGE).build())
                .build();
        return DynamoDbStreamEvents.record(r, ARN, "us-east-1");
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aRecordIsShapedAsLambdasDynamodbEvent() {
        JsonNode r = record("INSERT", "UPD#1#2", "100");
        assertThat(r.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(r.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(r.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(r.path("eventSourceARN").asText()).isEqualTo(ARN);
        JsonNode d = r.path("dynamodb");
        assertThat(d.path("ApproximateCreationDateTime").asLong()).isEqualTo(1795688100L);
        assertThat(d.path("Keys").path("pk").path("S").asText()).isEqualTo("UPD#1#2");
        assertThat(d.path("NewImage").path("n").path("N").asText()).isEqualTo("7");
        assertThat(d.path("NewImage").path("l").path("L").get(0).path("M").path("t").path("BOOL").asBoolean()).isTrue();
        assertThat(d.path("SequenceNumber").asText()).isEqualTo("100");
        assertThat(d.path("SizeBytes").asLong()).isEqualTo(42);
        assertThat(d.path("StreamViewType").asText()).isEqualTo("NEW_IMAGE");
        assertThat(new String(DynamoDbStreamEvents.event(List.of((com.fasterxml.jackson.databind.node.ObjectNode) r)),
                StandardCharsets.UTF_8)).startsWith("{\"Records\":[{");
    }

    @Test
    void filterCriteriaPassARecordWhenAnyPatternMatchesIt() throws Exception {
        List<JsonNode> template = List.of(json(
                "{\"eventName\": [\"INSERT\", \"MODIFY\"], \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": [{\"prefix\": \"UPD#\"}]}}}}"));
        assertThat(DynamoDbStreamEvents.passes(record("INSERT", "UPD#1#2", "1"), template)).isTrue();
        assertThat(DynamoDbStreamEvents.passes(record("MODIFY", "UPD#1#2", "1"), template)).isTrue();
        assertThat(DynamoDbStreamEvents.passes(record("REMOVE", "UPD#1#2", "1"), template)).isFalse();
        assertThat(DynamoDbStreamEvents.passes(record("INSERT", "LIVE#x", "1"), template)).isFalse();
        assertThat(DynamoDbStreamEvents.passes(record("REMOVE", "LIVE#x", "1"), List.of())).as("no filters").isTrue();
        assertThat(DynamoDbStreamEvents.passes(record("INSERT", "LIVE#x", "1"), List.of(json("{\"eventName\": [\"REMOVE\"]}"),
                json("{\"dynamodb\": {\"NewImage\": {\"n\": {\"N\": [{\"exists\": true}]}}}}")))).isTrue();
        assertThat(DynamoDbStreamEvents.passes(record("INSERT", "LIVE#x", "1"),
                List.of(json("{\"eventName\": [{\"anything-but\": [\"INSERT\"]}]}")))).isFalse();
        assertThatThrownBy(() -> DynamoDbStreamEvents.passes(record("INSERT", "x", "1"),
                List.of(json("{\"eventName\": [{\"suffix\": \"T\"}]}")))).hasMessageContaining("not supported locally");
    }

    @Test
    void aPartialBatchResponseResumesAtTheLowestFailedSequenceNumber() {
        List<String> batch = List.of("10", "11", "12", "13");
        assertThat(DynamoDbStreamEvents.resumeAt(Invocation.success("{\"batchItemFailures\":[]}".getBytes()), batch, true)).isEqualTo(4);
        assertThat(DynamoDbStreamEvents.resumeAt(Invocation.success(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"13\"},{\"itemIdentifier\":\"11\"}]}".getBytes()), batch, true)).isEqualTo(1);
        assertThat(DynamoDbStreamEvents.resumeAt(Invocation.success(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"99\"}]}".getBytes()), batch, true)).as("unknown id: all again").isZero();
        assertThat(DynamoDbStreamEvents.resumeAt(Invocation.failure("E", "boom"), batch, true)).isZero();
        assertThat(DynamoDbStreamEvents.resumeAt(Invocation.success(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"11\"}]}".getBytes()), batch, false)).as("without the response type").isEqualTo(4);
    }
}
