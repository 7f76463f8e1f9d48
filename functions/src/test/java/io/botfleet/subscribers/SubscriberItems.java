package io.botfleet.subscribers;

import io.botfleet.shared.time.Timestamps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Subscribers written into SubscribersTable as the webhook's ledger writes them: the item and the bot's counters. */
public final class SubscriberItems {
    private SubscriberItems() {}

    public static void put(DynamoDbClient dynamo, String table, Subscriber s) {
        dynamo.putItem(b -> b.tableName(table).item(item(s)));
        dynamo.updateItem(b -> b.tableName(table).key(DynamoSubscriberStore.key(s.botId(), DynamoSubscriberStore.COUNTERS))
                .updateExpression("ADD #status :one, #total :one")
                .expressionAttributeNames(Map.of("#status", s.status(), "#total", "total"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    private static Map<String, AttributeValue> item(Subscriber s) {
        String joinedAt = Timestamps.iso(s.joinedAt());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("botId", AttributeValue.fromS(s.botId()));
        item.put("chatId", AttributeValue.fromS(s.chatId()));
        item.put("status", AttributeValue.fromS(s.status()));
        item.put("statusKey", AttributeValue.fromS(s.botId() + "#" + s.status()));
        item.put("joinedAt", AttributeValue.fromS(joinedAt));
        item.put("joinedKey", AttributeValue.fromS(joinedAt + "#" + s.chatId()));
        item.put("chatType", AttributeValue.fromS(s.chatType()));
        item.put("firstName", AttributeValue.fromS(s.firstName()));
        s.lastSeenAt().ifPresent(t -> item.put("lastSeenAt", AttributeValue.fromS(Timestamps.isoHour(t))));
        putIfGiven(item, "username", s.username());
        putIfGiven(item, "language", s.language());
        putIfGiven(item, "source", s.source());
        if (!s.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromSs(List.copyOf(s.tags())));
        }
        return item;
    }

    private static void putIfGiven(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
