package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.str;

import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.ownership.Fence;
import io.botfleet.shared.aws.BatchGet;
import io.botfleet.subscribers.DynamoSubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The stream consumer's subscriber writes: {@code BatchGetItem} of a batch's chats (consistent), an {@code UpdateItem}
 * per chat whose names or hour changed (cond. exists), and for a first contact one {@code TransactWriteItems}
 * [subscriber (cond. absent), counters, fence check on the lease].
 */
public final class DynamoSubscriberRefresh implements SubscriberRefresh {
    private final DynamoDbClient dynamoDb;
    private final String botsTable;
    private final String subscribersTable;

    public DynamoSubscriberRefresh(DynamoDbClient dynamoDb, String botsTable, String subscribersTable) {
        this.dynamoDb = dynamoDb;
        this.botsTable = botsTable;
        this.subscribersTable = subscribersTable;
    }

    @Override
    public Map<String, Seen> read(String botId, Collection<String> chatIds) {
        Map<String, Seen> seen = new HashMap<>();
        List<Map<String, AttributeValue>> keys = chatIds.stream().map(chat -> DynamoSubscriberStore.key(botId, chat)).toList();
        for (var item : BatchGet.items(dynamoDb, subscribersTable, keys, true)) {
            String chat = str(item, "chatId");
            seen.put(chat, new Seen(new UpdateLedger.Contact(chat, str(item, "chatType"), str(item, "firstName"),
                    str(item, "username"), str(item, "language")), str(item, "lastSeenAt"), str(item, "status"),
                    item.containsKey("statusUpdateId") ? OptionalLong.of(Long.parseLong(item.get("statusUpdateId").n())) : OptionalLong.empty(),
                    str(item, "previousStatus")));
        }
        return seen;
    }

    @Override
    public void refresh(String botId, UpdateLedger.Contact contact, Instant at) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = DynamoSubscriberWrites.contactSets(at, contact, names, values);
        try {
            dynamoDb.updateItem(b -> {
                b.tableName(subscribersTable).key(DynamoSubscriberStore.key(botId, contact.chatId()))
                        .updateExpression("SET " + String.join(", ", set)).conditionExpression("attribute_exists(chatId)")
                        .expressionAttributeValues(values);
                if (!names.isEmpty()) {
                    b.expressionAttributeNames(names);
                }
            });
        } catch (ConditionalCheckFailedException e) {
            // deleted meanwhile (a purge): nothing to refresh
        }
    }

    @Override
    public Join join(Fence fence, long updateId, UpdateLedger.Contact contact, Instant at, Optional<String> source) {
        var change = new DynamoSubscriberWrites.Change(fence.botId(), updateId, at, source);
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().update(DynamoSubscriberWrites.statusChange(subscribersTable, change, contact,
                        Optional.empty(), Subscriber.ACTIVE).build()).build(),
                DynamoSubscriberWrites.counters(subscribersTable, fence.botId(), Optional.empty(), Subscriber.ACTIVE),
                DynamoLeaseStore.fenceCheck(botsTable, fence));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return Join.JOINED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) {
                return Join.FENCED;
            }
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Join.EXISTS;
            }
            throw e;
        }
    }
}
