package io.botfleet.live;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.auth.Role;
import io.botfleet.shared.aws.Attributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Connections in the ephemeral table, {@code pk = LIVE#<connectionId>}, expiring by its TTL attribute
 * {@code expiresAt}. Every connection item carries {@code kind = live}, the partition key of the sparse index
 * {@code byKind}: the fan-out lists them with a Query, never a Scan (data-model.md).
 */
public final class DynamoConnectionStore implements ConnectionStore {
    static final String INDEX = "byKind";
    private static final String KIND = "live";
    private static final String PREFIX = "LIVE#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoConnectionStore(DynamoDbClient dynamoDb, String ephemeralTable) {
        this.dynamoDb = dynamoDb;
        this.table = ephemeralTable;
    }

    @Override
    public void save(LiveConnection c) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(PREFIX + c.connectionId()));
        item.put("kind", s(KIND));
        item.put("userId", s(c.userId()));
        item.put("role", s(c.role().name().toLowerCase(Locale.ROOT)));
        item.put("bots", Attributes.stringList(c.botScope()));
        item.put("expiresAt", n(c.expiresAt().getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<LiveConnection> get(String connectionId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(connectionId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(connection(item));
    }

    @Override
    public void delete(String connectionId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(connectionId)));
    }

    @Override
    public List<LiveConnection> all() {
        List<LiveConnection> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.query(b -> b.tableName(table).indexName(INDEX).keyConditionExpression("kind = :k")
                    .expressionAttributeValues(Map.of(":k", s(KIND))).exclusiveStartKey(from));
            page.items().forEach(item -> out.add(connection(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of("pk", s(PREFIX + connectionId));
    }

    private static LiveConnection connection(Map<String, AttributeValue> item) {
        return new LiveConnection(Attributes.str(item, "pk").substring(PREFIX.length()), Attributes.str(item, "userId"),
                Role.valueOf(Attributes.str(item, "role").toUpperCase(Locale.ROOT)),
                Attributes.strings(item.get("bots")),
                Instant.ofEpochSecond(Attributes.number(item, "expiresAt")));
    }
}
