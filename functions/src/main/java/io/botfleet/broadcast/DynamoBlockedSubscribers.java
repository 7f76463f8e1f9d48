package io.botfleet.broadcast;

import io.botfleet.broadcast.send.BlockedSubscribers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A 403 from Telegram means the user blocked the bot: the subscriber becomes {@code blocked} (leaving the audience
 * index partition) and the bot's counters move, in one transaction, only if it was still active.
 */
final class DynamoBlockedSubscribers implements BlockedSubscribers {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    DynamoBlockedSubscribers(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void markBlocked(String botId, List<Long> chatIds) {
        for (long chatId : chatIds) {
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        t -> t.update(u -> u.tableName(table)
                                .key(Map.of("botId", AttributeValue.fromS(botId), "chatId", AttributeValue.fromS(Long.toString(chatId))))
                                .updateExpression("SET #s = :blocked, statusKey = :sk, blockedAt = :now, statusChangedAt = :now")
                                .conditionExpression("#s = :active")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .expressionAttributeValues(Map.of(":blocked", AttributeValue.fromS("blocked"),
                                        ":active", AttributeValue.fromS("active"),
                                        ":sk", AttributeValue.fromS(botId + "#blocked"),
                                        ":now", AttributeValue.fromS(clock.instant().toString())))),
                        t -> t.update(u -> u.tableName(table)
                                .key(Map.of("botId", AttributeValue.fromS(botId), "chatId", AttributeValue.fromS("#COUNTERS")))
                                .updateExpression("ADD active :minus, blocked :plus")
                                .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"),
                                        ":plus", AttributeValue.fromN("1"))))));
            } catch (TransactionCanceledException e) {
                // not active any more (already blocked, left, or the webhook got there first): nothing to move
            }
        }
    }
}
