package io.botfleet.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.backup.DynamoItemJson;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The ephemeral table's stream as Lambda reads it: the records of the accepted updates since a moment, as the event
 * source mapping builds them for UpdateStreamFunction, and what they carry (what the webhook wrote, in order). The
 * stream outlives a reset of the tables, and the emulator gives bots the same ids in every run: a test reads the
 * updates accepted since it started.
 */
public final class AcceptedUpdateStream {
    private final LocalAwsStack stack;
    private final Instant since;

    public AcceptedUpdateStream(LocalAwsStack stack, Instant since) {
        this.stack = stack;
        this.since = since;
    }

    /** The records of the accepted updates, each as the Lambda event holds it. */
    public List<ObjectNode> records() {
        return DynamoDbStreamEvents.readAll(stack.dynamoDbStreams(), stack.resource("EphemeralTable").attribute("StreamArn"),
                LocalAwsStack.REGION).stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("UPD#")
                        && r.path("dynamodb").has("NewImage")
                        && !receivedBefore(r, since))
                .toList();
    }

    /** An item that names when it was received (a record that is not an accepted update may not): before that moment. */
    private static boolean receivedBefore(JsonNode record, Instant since) {
        String at = record.path("dynamodb").path("NewImage").path("receivedAt").path("S").asText("");
        try {
            return !at.isEmpty() && Instant.parse(at).isBefore(since);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    public List<AcceptedUpdate> updates() {
        return records().stream().map(AcceptedUpdateStream::update).toList();
    }

    static AcceptedUpdate update(JsonNode record) {
        // a stream image is DynamoDB JSON, as an export's row holds an item
        return DynamoAcceptedUpdates.read(DynamoItemJson.read("{\"Item\":" + record.path("dynamodb").path("NewImage") + "}"));
    }

    /** The events the webhook recorded, in order (a first contact's join is the consumer's, not here). */
    public List<BotEvent> events() {
        return updates().stream().flatMap(u -> u.botEvents().stream()).toList();
    }

    /** The records of these updates delivered to the deployed UpdateStreamFunction as one batch. */
    public Invocation deliver(Predicate<AcceptedUpdate> which, Map<String, String> overrides) {
        List<ObjectNode> batch = records().stream().filter(r -> which.test(update(r))).toList();
        return stack.lambda().function("UpdateStreamFunction", overrides).invoke(DynamoDbStreamEvents.event(batch));
    }
}
