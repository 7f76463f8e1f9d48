package io.botfleet.broadcast;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.BatchResult;
import io.botfleet.broadcast.send.SubscriberStates;
import io.botfleet.subscribers.DynamoSubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Subscriber states from Telegram's answers, each a transaction of the subscriber and the bot's counters: a 403
 * moves an active subscriber to the state it means (leaving the audience index partition {@code <botId>#active});
 * a group upgraded to a supergroup moves the subscriber to the supergroup's chat id.
 */
public final class DynamoSubscriberStates implements SubscriberStates {
    private static final Logger log = LoggerFactory.getLogger(DynamoSubscriberStates.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoSubscriberStates(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** The subscriber status a refusal means. */
    static String status(DeliveryOutcome refusal) {
        return switch (refusal) {
            case BLOCKED -> Subscriber.BLOCKED;
            case DEACTIVATED -> Subscriber.DEACTIVATED;
            case NOT_STARTED -> Subscriber.NOT_STARTED;
            case KICKED -> Subscriber.KICKED;
            default -> throw new IllegalArgumentException(refusal + " is not a refusal");
        };
    }

    @Override
    public void refused(String botId, List<BatchResult.Refusal> refusals) {
        String now = clock.instant().toString();
        for (BatchResult.Refusal refusal : refusals) {
            String status = status(refusal.outcome());
            // blockedAt is what the API has shown for blocked subscribers; the other states only have statusChangedAt
            String set = "SET #s = :new, statusKey = :sk, statusChangedAt = :now"
                    + (status.equals(Subscriber.BLOCKED) ? ", blockedAt = :now" : "");
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        t -> t.update(u -> u.tableName(table)
                                .key(DynamoSubscriberStore.key(botId, Long.toString(refusal.chatId())))
                                .updateExpression(set)
                                .conditionExpression("#s = :active")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .expressionAttributeValues(Map.of(":new", AttributeValue.fromS(status),
                                        ":active", AttributeValue.fromS(Subscriber.ACTIVE),
                                        ":sk", AttributeValue.fromS(botId + "#" + status),
                                        ":now", AttributeValue.fromS(now)))),
                        t -> t.update(u -> u.tableName(table)
                                .key(DynamoSubscriberStore.key(botId, DynamoSubscriberStore.COUNTERS))
                                .updateExpression("ADD active :minus, #new :plus")
                                .expressionAttributeNames(Map.of("#new", status))
                                .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"),
                                        ":plus", AttributeValue.fromN("1"))))));
            } catch (TransactionCanceledException e) {
                // not active any more (already blocked, left, or the webhook got there first), or not a subscriber
            }
        }
    }

    @Override
    public void migrated(String botId, List<BatchResult.Migration> migrations) {
        for (BatchResult.Migration m : migrations) {
            if (!move(botId, Long.toString(m.fromChatId()), Long.toString(m.toChatId()))) {
                log.warn("subscriber {} of bot {} kept changing while moving to its supergroup {}", m.fromChatId(), botId,
                        m.toChatId());
            }
        }
    }

    /**
     * The subscriber item is keyed by chat id, so moving it is a delete and a put in one transaction, conditioned on
     * what was read; the supergroup may be a subscriber already, and then the old group's item just goes.
     *
     * @return false if it kept changing under us
     */
    private boolean move(String botId, String from, String to) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> old = dynamoDb.getItem(b -> b.tableName(table)
                    .key(DynamoSubscriberStore.key(botId, from)).consistentRead(true)).item();
            if (old == null || old.isEmpty()) {
                return true; // not a subscriber (or moved already)
            }
            String status = old.get("status").s();
            TransactWriteItem deleteOld = TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(DynamoSubscriberStore.key(botId, from))
                    .conditionExpression("#s = :status")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status)))).build();
            Map<String, AttributeValue> moved = new HashMap<>(old);
            moved.put("chatId", AttributeValue.fromS(to));
            moved.put("migratedFrom", AttributeValue.fromS(from));
            moved.put("chatType", AttributeValue.fromS("supergroup"));
            if (old.containsKey("joinedKey")) {
                String joinedKey = old.get("joinedKey").s();
                moved.put("joinedKey", AttributeValue.fromS(joinedKey.substring(0, joinedKey.indexOf('#') + 1) + to));
            }
            TransactWriteItem putNew = TransactWriteItem.builder().put(p -> p.tableName(table).item(moved)
                    .conditionExpression("attribute_not_exists(chatId)")).build();
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(deleteOld, putNew));
                return true;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                boolean supergroupKnown = reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())
                        && !"ConditionalCheckFailed".equals(reasons.get(0).code());
                if (supergroupKnown && dropOld(botId, from, status)) {
                    return true;
                }
                // the old item changed between the read and the write: read again
            }
        }
        return false;
    }

    private boolean dropOld(String botId, String from, String status) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    t -> t.delete(d -> d.tableName(table).key(DynamoSubscriberStore.key(botId, from))
                            .conditionExpression("#s = :status")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status)))),
                    t -> t.update(u -> u.tableName(table).key(DynamoSubscriberStore.key(botId, DynamoSubscriberStore.COUNTERS))
                            .updateExpression("ADD #old :minus, #total :minus")
                            .expressionAttributeNames(Map.of("#old", status, "#total", "total"))
                            .expressionAttributeValues(Map.of(":minus", AttributeValue.fromN("-1"))))));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }
}
