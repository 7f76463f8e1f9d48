package io.botfleet.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsEventsTest {
    private static final Path SAMPLE = Path.of("..", "infra", "events", "sqs-send-batch.json");

    @Test
    void readsLambdasSqsEventAsLambdasOwnSerializersDo() throws IOException {
        SQSEvent ours;
        SQSEvent lambdas;
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            ours = SqsEvents.read(in);
        }
        try (InputStream in = Files.newInputStream(SAMPLE)) {
            lambdas = LambdaEvents.read(in, SQSEvent.class);
        }
        assertThat(ours.getRecords()).hasSize(1);
        SQSEvent.SQSMessage message = ours.getRecords().getFirst();
        assertThat(message.getMessageId()).isEqualTo("3f1c2b7e-9d4a-4c6e-8b1f-2a5d7e9c0b31");
        assertThat(message.getEventSourceArn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:SendQueue.fifo");
        assertThat(message.getAttributes()).containsEntry("ApproximateReceiveCount", "1").containsEntry("MessageGroupId", "123456789");
        assertThat(message).usingRecursiveComparison().isEqualTo(lambdas.getRecords().getFirst());
    }

    @Test
    void readsMessageAttributesOfEveryKind() throws IOException {
        String event = """
                {"Records":[{"messageId":"m1","body":"x","messageAttributes":{
                  "trace":{"stringValue":"abc","dataType":"String","stringListValues":[],"binaryListValues":[]},
                  "blob":{"binaryValue":"AQID","dataType":"Binary"}},
                  "somethingNew":{"a":1}}]}""";
        SQSEvent.SQSMessage message = read(event).getRecords().getFirst();
        assertThat(message.getMessageAttributes().get("trace").getStringValue()).isEqualTo("abc");
        assertThat(message.getMessageAttributes().get("blob").getBinaryValue().array()).containsExactly(1, 2, 3);
    }

    @Test
    void refusesWhatIsNotAnSqsEvent() {
        assertThatThrownBy(() -> read("{\"detail-type\":\"Scheduled Event\"}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("not json")).isInstanceOf(IOException.class);
    }

    @Test
    void writesThePartialBatchResponseLambdaReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SqsEvents.write(new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m1"),
                new SQSBatchResponse.BatchItemFailure("m\"2"))), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"m\\\"2\"}]}");
        out.reset();
        SqsEvents.write(new SQSBatchResponse(List.of()), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    private static SQSEvent read(String event) throws IOException {
        return SqsEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }
}
