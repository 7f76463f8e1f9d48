package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The message size limit SQS enforces and ElasticMQ does not: a message's body plus its attributes (names, types
 * and values) may be at most 262,144 bytes, and so may the sum of a batch's messages.
 */
final class SqsPayloadLimits {
    static final int MAX_BYTES = 262_144;

    /** A rejection in SQS's words. */
    record Violation(AwsError error, String message) {}

    private SqsPayloadLimits() {}

    /** The violation, or null when the request is within the limits. */
    static Violation check(String operation, JsonNode body) {
        if ("SendMessage".equals(operation) && size(body) > MAX_BYTES) {
            return new Violation(AwsError.MESSAGE_TOO_LONG,
                    "One or more parameters are invalid. Reason: Message must be shorter than " + MAX_BYTES + " bytes.");
        }
        if ("SendMessageBatch".equals(operation)) {
            long total = 0;
            for (JsonNode entry : body.path("Entries")) {
                total += size(entry);
            }
            if (total > MAX_BYTES) {
                return new Violation(AwsError.BATCH_TOO_LONG,
                        "Batch requests cannot be longer than " + MAX_BYTES + " bytes. You have sent " + total + " bytes.");
            }
        }
        return null;
    }

    private static long size(JsonNode message) {
        long size = utf8(message.path("MessageBody").asText(""));
        for (Map.Entry<String, JsonNode> attribute : message.path("MessageAttributes").properties()) {
            JsonNode value = attribute.getValue();
            size += utf8(attribute.getKey()) + utf8(value.path("DataType").asText(""));
            size += value.hasNonNull("BinaryValue")
                    ? Base64.getDecoder().decode(value.path("BinaryValue").asText()).length
                    : utf8(value.path("StringValue").asText(""));
        }
        return size;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
