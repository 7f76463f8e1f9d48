package io.botfleet.local.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.lambda.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;

/** Lambda's SQS event source mapping: the event it builds from received messages, and the batch response it reads. */
public final class SqsEvents {
    private SqsEvents() {}

    public static byte[] event(List<Message> messages, String queueArn, String region) {
        ObjectNode event = EventJson.object();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            m.messageAttributes().forEach((name, value) -> {
                ObjectNode a = messageAttributes.putObject(name);
                a.put("stringValue", value.stringValue());
                a.putArray("stringListValues");
                a.putArray("binaryListValues");
                a.put("dataType", value.dataType());
            });
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return EventJson.bytes(event);
    }

    /**
     * The ids to keep on the queue, as Lambda reads a ReportBatchItemFailures response: empty when all succeeded;
     * every id when the invocation failed or the response names an id that was not in the batch (or none).
     * Without ReportBatchItemFailures only a failed invocation keeps messages.
     */
    public static Set<String> failedIds(Invocation invocation, List<Message> messages, boolean reportBatchItemFailures) {
        Set<String> all = new HashSet<>();
        messages.forEach(m -> all.add(m.messageId()));
        if (invocation.failed()) {
            return all;
        }
        if (!reportBatchItemFailures) {
            return Set.of();
        }
        JsonNode failures = Optional.ofNullable(EventJson.parse(invocation.payload()))
                .map(n -> n.path("batchItemFailures")).orElse(null);
        if (failures == null || !failures.isArray()) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isBlank() || !all.contains(id)) {
                return all;
            }
            failed.add(id);
        }
        return failed;
    }
}
