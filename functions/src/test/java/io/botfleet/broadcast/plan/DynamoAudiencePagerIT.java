package io.botfleet.broadcast.plan;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.Subscriber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB audience pager on the local stack's SubscribersTable keeps the port's promises. */
@LocalAws
class DynamoAudiencePagerIT extends AudiencePagerContract {

    DynamoAudiencePagerIT(LocalAwsStack stack) {
        super(onTable(stack));
    }

    private static Stores onTable(LocalAwsStack stack) {
        DynamoDbClient dynamo = stack.clients().dynamoDb();
        String table = stack.resource("SubscribersTable").ref();
        return new Stores(new DynamoAudiencePager(dynamo, table), s -> dynamo.putItem(b -> b.tableName(table).item(item(s))));
    }

    /** The subscriber item as the webhook's ledger writes it (data-model.md pattern 11). */
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
        item.put("language", AttributeValue.fromS(s.language()));
        s.lastSeenAt().ifPresent(t -> item.put("lastSeenAt", AttributeValue.fromS(Timestamps.isoHour(t))));
        if (s.source() != null) {
            item.put("source", AttributeValue.fromS(s.source()));
        }
        if (!s.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromSs(List.copyOf(s.tags())));
        }
        return item;
    }
}
