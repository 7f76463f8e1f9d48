package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.time.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Parked updates in the deliveries table (data-model.md, "Parked update"): {@code pk = PARKED#<botId>},
 * {@code sk = <ULID of when it was parked>}, so newest first is one {@code Query} in reverse key order; a TTL of
 * 14 days keeps the partition small.
 */
public final class DynamoParkedUpdates implements ParkedUpdates {
    static final Duration RETENTION = Duration.ofDays(14);
    static final int MAX_LIMIT = 200;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoParkedUpdates(DynamoDbClient dynamoDb, String deliveriesTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = deliveriesTable;
        this.clock = clock;
    }

    static String partition(String botId) {
        return "PARKED#" + botId;
    }

    @Override
    public void park(ParkedUpdate u) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(partition(u.botId())));
        item.put("sk", s(Ulid.next(u.parkedAt())));
        item.put("botId", s(u.botId()));
        u.updateId().ifPresent(id -> item.put("updateId", n(id)));
        item.put("parkedAt", s(Timestamps.iso(u.parkedAt())));
        item.put("attempts", n(u.attempts()));
        item.put("reason", s(u.reason()));
        item.put("raw", s(u.raw()));
        item.put("rawBytes", n(u.rawBytes()));
        item.put("expiresAt", n(u.parkedAt().plus(RETENTION).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<ParkedUpdate> list(String botId, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        }
        long now = clock.instant().getEpochSecond();
        // expired items are the oldest, so they sit at the end of a newest-first page and only shorten it
        return dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(partition(botId))))
                        .scanIndexForward(false).limit(limit))
                .items().stream()
                .filter(i -> Long.parseLong(i.get("expiresAt").n()) > now)
                .map(DynamoParkedUpdates::parked)
                .toList();
    }

    private static ParkedUpdate parked(Map<String, AttributeValue> i) {
        return new ParkedUpdate(i.get("botId").s(),
                i.containsKey("updateId") ? OptionalLong.of(Long.parseLong(i.get("updateId").n())) : OptionalLong.empty(),
                Instant.parse(i.get("parkedAt").s()), Integer.parseInt(i.get("attempts").n()), i.get("reason").s(),
                i.get("raw").s(), Integer.parseInt(i.get("rawBytes").n()));
    }
}
