package io.botfleet.local.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.ResourceProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * CloudWatch Logs requests: what each asks IAM for (the log group, or the log stream for writes, as IAM's service
 * reference names them), and the JSON filter patterns moto does not evaluate, applied to its FilterLogEvents answer.
 */
final class LogsRequests {
    private static final ObjectMapper json = new ObjectMapper();

    private LogsRequests() {}

    static List<Access> accesses(String operation, JsonNode body) {
        String group = group(body);
        if (group == null) {
            return List.of(new Access("logs:" + operation, "*"));
        }
        String groupArn = ResourceProvisioner.logGroupArn(group);
        String stream = body.path("logStreamName").asText(null);
        String resource = stream != null && (operation.equals("PutLogEvents") || operation.equals("CreateLogStream"))
                ? groupArn.substring(0, groupArn.length() - 1) + "log-stream:" + stream
                : groupArn;
        return List.of(new Access("logs:" + operation, resource));
    }

    /** The log group a request names, by name or (logGroupIdentifier) by ARN. */
    private static String group(JsonNode body) {
        if (body.hasNonNull("logGroupName")) {
            return body.path("logGroupName").asText();
        }
        String identifier = body.path("logGroupIdentifier").asText(null);
        if (identifier == null || !identifier.startsWith("arn:")) {
            return identifier;
        }
        String name = identifier.substring(identifier.indexOf(":log-group:") + ":log-group:".length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    /** The JSON filter pattern of a FilterLogEvents request, parsed; null when it has none (moto applies term patterns). */
    static JsonFilterPattern jsonPattern(String operation, JsonNode body) {
        String pattern = body.path("filterPattern").asText(null);
        return "FilterLogEvents".equals(operation) && JsonFilterPattern.isJson(pattern) ? JsonFilterPattern.parse(pattern) : null;
    }

    /** moto's FilterLogEvents answer without the events the pattern does not match; its paging token stays. */
    static byte[] filtered(byte[] answer, JsonFilterPattern pattern) {
        try {
            ObjectNode root = (ObjectNode) json.readTree(answer);
            ArrayNode kept = json.createArrayNode();
            root.path("events").forEach(event -> {
                if (pattern.matches(event.path("message").asText(""))) {
                    kept.add(event);
                }
            });
            root.set("events", kept);
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
