package io.botfleet.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Subscribers written straight into the subscribers table, in the shape the webhook writes them (the benchmarks need
 * more of them than simulated users could /start in reasonable time), with the bot's status counters.
 */
public final class SubscriberSeed implements AutoCloseable {
    /** One subscriber: {@code tags} may be empty. */
    public record Row(long chatId, String status, String firstName, String language, Set<String> tags, Instant joinedAt) {}

    private static final int PER_REQUEST = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String botId;
    private final List<WriteRequest> pending = new ArrayList<>();
    private final Map<String, Long> counts = new HashMap<>();

    public SubscriberSeed(DynamoDbClient dynamoDb, String table, String botId) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.botId = botId;
    }

    public void add(Row row) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "botId", AttributeValue.fromS(botId), "chatId", AttributeValue.fromS(Long.toString(row.chatId())),
                "status", AttributeValue.fromS(row.status()), "statusKey", AttributeValue.fromS(botId + "#" + row.status()),
                "joinedKey", AttributeValue.fromS(row.joinedAt() + "#" + row.chatId()),
                "joinedAt", AttributeValue.fromS(row.joinedAt().toString()),
                "firstName", AttributeValue.fromS(row.firstName()), "language", AttributeValue.fromS(row.language()),
                "chatType", AttributeValue.fromS("private")));
        if (!row.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromSs(List.copyOf(row.tags())));
        }
        pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        counts.merge(row.status(), 1L, Long::sum);
        counts.merge("total", 1L, Long::sum);
        if (pending.size() == PER_REQUEST) {
            flush();
        }
    }

    /** Writes what is pending and the counters the dashboard shows (the seed's own counts). */
    @Override
    public void close() {
        flush();
        Map<String, AttributeValue> counters = new HashMap<>(Map.of(
                "botId", AttributeValue.fromS(botId), "chatId", AttributeValue.fromS("#COUNTERS")));
        counts.forEach((name, n) -> counters.put(name, AttributeValue.fromN(Long.toString(n))));
        dynamoDb.putItem(b -> b.tableName(table).item(counters));
    }

    private void flush() {
        if (!pending.isEmpty()) {
            List<WriteRequest> copy = List.copyOf(pending);
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, copy)));
            pending.clear();
        }
    }
}
