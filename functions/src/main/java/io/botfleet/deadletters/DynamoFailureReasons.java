package io.botfleet.deadletters;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.BatchGet;
import io.botfleet.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Failure reasons in the ephemeral table (data-model.md, "Dead-letter reason"): {@code pk = DEADLETTER#<messageId>}
 * (SQS keeps a message's id when it moves it to the dead-letter queue), expiring with the dead-letter queues'
 * 14-day retention. One write per message that reaches a dead-letter queue, none for the retries before.
 */
public final class DynamoFailureReasons implements FailureReasons {
    /** The dead-letter queues' MessageRetentionPeriod (template.yaml), and a day for the clocks. */
    static final Duration RETENTION = Duration.ofDays(15);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoFailureReasons(DynamoDbClient dynamoDb, String ephemeralTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = ephemeralTable;
        this.clock = clock;
    }

    static Map<String, AttributeValue> key(String messageId) {
        return Map.of("pk", s("DEADLETTER#" + messageId));
    }

    @Override
    public void record(FailureReason r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(r.messageId()));
        item.put("messageId", s(r.messageId()));
        item.put("reason", s(r.reason()));
        item.put("failedAt", s(Timestamps.iso(r.failedAt())));
        item.put("receiveCount", n(r.receiveCount()));
        item.put("expiresAt", n(r.failedAt().plus(RETENTION).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Map<String, FailureReason> find(Collection<String> messageIds) {
        long now = clock.instant().getEpochSecond();
        Map<String, FailureReason> out = new LinkedHashMap<>();
        BatchGet.items(dynamoDb, table, messageIds.stream().distinct().map(DynamoFailureReasons::key).toList(), false).stream()
                // TTL deletes lazily: an expired record describes a message SQS no longer keeps
                .filter(i -> Long.parseLong(i.get("expiresAt").n()) > now)
                .map(i -> new FailureReason(i.get("messageId").s(), i.get("reason").s(), Instant.parse(i.get("failedAt").s()),
                        Integer.parseInt(i.get("receiveCount").n())))
                .forEach(r -> out.put(r.messageId(), r));
        return out;
    }

    @Override
    public void forget(Collection<String> messageIds) {
        List<WriteRequest> deletes = messageIds.stream().distinct().map(id -> WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key(id)).build()).build()).toList();
        for (int from = 0; from < deletes.size(); from += 25) {
            Map<String, List<WriteRequest>> request = Map.of(table, deletes.subList(from, Math.min(deletes.size(), from + 25)));
            // a delete left unprocessed only leaves a record that expires on its own
            dynamoDb.batchWriteItem(b -> b.requestItems(request));
        }
    }
}
