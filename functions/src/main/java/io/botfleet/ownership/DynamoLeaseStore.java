package io.botfleet.ownership;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.Attributes;
import io.botfleet.shared.aws.BatchGet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Leases as {@code pk = BOT#<botId>, sk = LEASE} items of the bots table (data-model.md patterns 4–6). */
public final class DynamoLeaseStore implements LeaseStore {
    /** How long a claimant waits before confirming its claim by reading it back (see {@link #claim}). */

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoLeaseStore(DynamoDbClient dynamoDb, String botsTable) {
        this.dynamoDb = dynamoDb;
        this.table = botsTable;
    }

    public static Map<String, AttributeValue> key(String botId) {
        return Attributes.key("BOT#" + botId, "LEASE");
    }

    /** The condition check that fences a write in the same transaction: the lease still has this owner and epoch. */
    public static TransactWriteItem fenceCheck(String botsTable, Fence fence) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(botsTable)
                .key(key(fence.botId()))
                .conditionExpression("ownerId = :me AND epoch = :epoch")
                .expressionAttributeValues(Map.of(":me", s(fence.ownerId()), ":epoch", n(fence.epoch())))
                .build()).build();
    }

    /** The conditional update is the claim: DynamoDB evaluates the condition and writes atomically. */
    @Override
    public Optional<Lease> claim(String botId, String ownerId, Instant now, Instant leaseUntil) {
        try {
            var result = dynamoDb.updateItem(b -> b.tableName(table).key(key(botId))
                    .updateExpression("SET ownerId = :me, leaseUntil = :until, renewedAt = :now, botId = :bot, "
                            + "epoch = if_not_exists(epoch, :zero) + :one")
                    .conditionExpression("attribute_not_exists(pk) OR leaseUntil <= :nowMs")
                    .expressionAttributeValues(Map.of(
                            ":me", s(ownerId), ":until", n(leaseUntil.toEpochMilli()), ":now", s(now.toString()),
                            ":bot", s(botId), ":zero", n(0), ":one", n(1), ":nowMs", n(now.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(fromItem(result.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Lease> renew(Lease lease, Instant now, Instant leaseUntil) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(lease.botId()))
                    .updateExpression("SET leaseUntil = :until, renewedAt = :now")
                    .conditionExpression("ownerId = :me AND epoch = :epoch")
                    .expressionAttributeValues(Map.of(":me", s(lease.ownerId()), ":epoch", n(lease.epoch()),
                            ":until", n(leaseUntil.toEpochMilli()), ":now", s(now.toString()))));
            return Optional.of(new Lease(lease.botId(), lease.ownerId(), lease.epoch(), leaseUntil));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean release(Lease lease) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(lease.botId()))
                    .updateExpression("SET ownerId = :none, leaseUntil = :zero")
                    .conditionExpression("ownerId = :me AND epoch = :epoch")
                    .expressionAttributeValues(Map.of(":me", s(lease.ownerId()), ":epoch", n(lease.epoch()),
                            ":none", s(""), ":zero", n(0))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Lease> get(String botId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key(botId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** One {@code BatchGetItem} per 100 bots; eventually consistent, as an overview may be a moment old. */
    @Override
    public Map<String, Lease> getAll(Collection<String> botIds) {
        Map<String, Lease> found = new HashMap<>();
        for (var item : BatchGet.items(dynamoDb, table, botIds.stream().map(DynamoLeaseStore::key).toList(), false)) {
            Lease lease = fromItem(item);
            found.put(lease.botId(), lease);
        }
        return found;
    }

    public static Lease fromItem(Map<String, AttributeValue> item) {
        String pk = item.get("pk").s();
        return new Lease(pk.substring("BOT#".length()),
                item.containsKey("ownerId") ? item.get("ownerId").s() : "",
                Long.parseLong(item.get("epoch").n()),
                Instant.ofEpochMilli(Long.parseLong(item.get("leaseUntil").n())));
    }
}
