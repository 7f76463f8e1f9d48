package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an SQS (JSON protocol) request asks IAM for: batch operations authorize as their single-message action. */
final class SqsRequests {
    private static final Map<String, String> BATCH_ACTIONS = Map.of(
            "SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");
    private static final Pattern QUEUE_ARN = Pattern.compile("arn:aws:sqs:[^\"\\s]+");

    private SqsRequests() {}

    static List<Access> accesses(String operation, JsonNode body) {
        return List.of(new Access("sqs:" + BATCH_ACTIONS.getOrDefault(operation, operation), resource(body)));
    }

    private static String resource(JsonNode body) {
        if (body.hasNonNull("QueueUrl")) {
            return AwsArns.queueFromUrl(body.path("QueueUrl").asText());
        }
        if (body.hasNonNull("QueueName")) {
            return AwsArns.queue(body.path("QueueName").asText());
        }
        if (body.hasNonNull("SourceArn")) {
            return body.path("SourceArn").asText();
        }
        if (body.hasNonNull("TaskHandle")) {
            return sourceOfTask(body.path("TaskHandle").asText());
        }
        return "*";
    }

    /** A message-move task handle carries its source queue's ARN (base64-encoded on AWS and in ElasticMQ). */
    private static String sourceOfTask(String handle) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            decoded = handle;
        }
        Matcher m = QUEUE_ARN.matcher(decoded);
        return m.find() ? m.group() : "*";
    }
}
