package io.botfleet.broadcast.plan;

import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.broadcast.campaign.AudienceFilter;
import io.botfleet.shared.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Audiences from SubscribersTable's {@code byStatus} index: the partition {@code <botId>#active}, ordered by join
 * time, joined-between as a key condition and the other conditions as a filter over projected attributes.
 */
public final class DynamoAudiencePager implements AudiencePager {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAudiencePager(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Page page(String botId, AudienceFilter filter, String cursor, int limit) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":sk", s(botId + "#active"));
        String keyCondition = "statusKey = :sk";
        // bounds in the format the webhook writes the keys in, with milliseconds: 'Z' sorts after '.'
        if (filter.joinedFrom() != null || filter.joinedTo() != null) {
            values.put(":from", s(filter.joinedFrom() == null ? "0" : Timestamps.iso(filter.joinedFrom())));
            values.put(":to", s(filter.joinedTo() == null ? "9" : Timestamps.iso(filter.joinedTo()) + "#~"));
            keyCondition += " AND joinedKey BETWEEN :from AND :to";
        }
        // language and source are reserved words in DynamoDB expressions
        Map<String, String> names = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        anyOf(conditions, names, values, "language", "lang", filter.languages(), false);
        anyOf(conditions, names, values, "source", "src", filter.sources(), false);
        anyOf(conditions, names, values, "tags", "tag", filter.tags(), true);
        if (filter.activeSince() != null) {
            // lastSeenAt has hour precision: a subscriber seen in the hour of activeSince counts, as in listings
            values.put(":active", s(Timestamps.isoHour(filter.activeSince())));
            conditions.add("lastSeenAt >= :active");
        }
        var request = QueryRequest.builder().tableName(table).indexName("byStatus")
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .limit(limit);
        if (!conditions.isEmpty()) {
            request.filterExpression(String.join(" AND ", conditions));
        }
        if (!names.isEmpty()) {
            request.expressionAttributeNames(names);
        }
        if (cursor != null) {
            request.exclusiveStartKey(decode(cursor));
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<Long> chats = response.items().stream().map(i -> Long.parseLong(i.get("chatId").s())).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? encode(response.lastEvaluatedKey()) : null;
        return new Page(chats, next);
    }

    private static void anyOf(List<String> conditions, Map<String, String> names, Map<String, AttributeValue> values,
                              String attribute, String placeholder, List<String> accepted, boolean setContains) {
        if (accepted.isEmpty()) {
            return;
        }
        String name = "#" + placeholder;
        names.put(name, attribute);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            String p = ":" + placeholder + i;
            values.put(p, s(accepted.get(i)));
            alternatives.add(setContains ? "contains(" + name + ", " + p + ")" : name + " = " + p);
        }
        conditions.add("(" + String.join(" OR ", alternatives) + ")");
    }

    /** The cursor is the index key of the last item read, opaque to callers. */
    private static String encode(Map<String, AttributeValue> key) {
        String joined = String.join("\n", key.get("statusKey").s(), key.get("joinedKey").s(), key.get("botId").s(),
                key.get("chatId").s());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String cursor) {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid audience cursor");
        }
        return Map.of("statusKey", s(parts[0]), "joinedKey", s(parts[1]),
                "botId", s(parts[2]), "chatId", s(parts[3]));
    }
}
