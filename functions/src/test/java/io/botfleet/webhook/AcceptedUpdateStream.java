package io.botfleet.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.events.DynamoDbStreamEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The ephemeral table's stream as Lambda reads it: every record from the trim horizon, as the event source mapping
 * builds them for UpdateStreamFunction, and the accepted updates they carry (what the webhook wrote, in order).
 */
public final class AcceptedUpdateStream {
    private final LocalAwsStack stack;

    public AcceptedUpdateStream(LocalAwsStack stack) {
        this.stack = stack;
    }

    /** The records of the accepted updates, each as the Lambda event holds it. */
    public List<ObjectNode> records() {
        var streams = stack.dynamoDbStreams();
        String arn = stack.resource("EphemeralTable").attribute("StreamArn");
        List<ObjectNode> out = new ArrayList<>();
        for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                for (var r : response.records()) {
                    ObjectNode record = DynamoDbStreamEvents.record(r, arn, LocalAwsStack.REGION);
                    if (record.path("dynamodb").path("Keys").path("pk").path("S").asText().startsWith("UPD#")
                            && record.path("dynamodb").has("NewImage")) {
                        out.add(record);
                    }
                }
                iterator = response.records().isEmpty() ? null : response.nextShardIterator();
            }
        }
        return out;
    }

    public List<AcceptedUpdate> updates() {
        return records().stream().map(AcceptedUpdateStream::update).toList();
    }

    static AcceptedUpdate update(JsonNode record) {
        return DynamoAcceptedUpdates.read(StreamImageJson.item(record.path("dynamodb").path("NewImage")));
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
