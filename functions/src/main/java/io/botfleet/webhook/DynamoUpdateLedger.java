package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.subscribers.DynamoSubscriberStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One conditional {@code PutItem} of the accepted update per ordinary update (1 write unit: the item stays under
 * 1 KB); the stream consumer applies it. A status change (/start, /stop, blocked, unblocked) reads the subscriber
 * ({@code GetItem}) and commits one {@code TransactWriteItems}: [accepted update (the dedupe), fence check (bots
 * table, lease), subscriber status change, counters] — data-model.md patterns 6, 10, 11, 17.
 */
public final class DynamoUpdateLedger implements UpdateLedger {
    static final Duration DEDUPE_TTL = Duration.ofHours(48);
    private static final int STATUS_ATTEMPTS = 3;
    // TTL deletion is lazy (and never happens locally): an expired record is not a duplicate
    private static final String NEW_OR_EXPIRED = "attribute_not_exists(pk) OR expiresAt < :now";

    private final DynamoDbClient dynamoDb;
    private final String botsTable;
    private final String subscribersTable;
    private final String ephemeralTable;

    public DynamoUpdateLedger(DynamoDbClient dynamoDb, String botsTable, String subscribersTable, String ephemeralTable) {
        this.dynamoDb = dynamoDb;
        this.botsTable = botsTable;
        this.subscribersTable = subscribersTable;
        this.ephemeralTable = ephemeralTable;
    }

    private enum Tx { OK, DUPLICATE, FENCED, SUBSCRIBER_CONDITION }

    @Override
    public Outcome record(UpdateRecord r, Function<Outcome, List<BotEvent>> events) {
        if (r.contact().isEmpty() || r.newStatus().isEmpty()) {
            return accept(r, events.apply(Outcome.of(Result.DONE)));
        }
        Contact c = r.contact().get();
        String wanted = r.newStatus().get();
        for (int attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
            var current = dynamoDb.getItem(b -> b.tableName(subscribersTable).key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                    .consistentRead(true).projectionExpression("#s, statusUpdateId, previousStatus")
                    .expressionAttributeNames(Map.of("#s", "status"))).item();
            Optional<String> old = current == null || !current.containsKey("status") ? Optional.empty()
                    : Optional.of(current.get("status").s());
            Outcome planned;
            Update.Builder subscriber;
            List<TransactWriteItem> writes = new ArrayList<>();
            if (old.isPresent() && old.get().equals(wanted)) {
                // a retry of an update whose first attempt changed the status: report the change again
                boolean replay = current.containsKey("statusUpdateId")
                        && current.get("statusUpdateId").n().equals(Long.toString(r.updateId()));
                Optional<String> previous = replay ? Optional.ofNullable(current.get("previousStatus"))
                        .map(AttributeValue::s).filter(s -> !s.isEmpty()) : old;
                planned = new Outcome(Result.DONE, previous, wanted, replay);
                subscriber = touch(r, c, old.get());
            } else {
                planned = new Outcome(Result.DONE, old, wanted, true);
                subscriber = DynamoSubscriberWrites.statusChange(subscribersTable, change(r), c, old, wanted);
                writes.add(DynamoSubscriberWrites.counters(subscribersTable, r.botId(), old, wanted));
            }
            writes.addFirst(TransactWriteItem.builder().update(subscriber.build()).build());
            switch (transact(r, events.apply(planned), writes)) {
                case OK -> {
                    return planned;
                }
                case DUPLICATE -> {
                    return Outcome.of(Result.DUPLICATE);
                }
                case FENCED -> {
                    return Outcome.of(Result.FENCED);
                }
                case SUBSCRIBER_CONDITION -> { } // the subscriber changed between read and write: read again
            }
        }
        throw new IllegalStateException("subscriber " + c.chatId() + " of bot " + r.botId() + " keeps changing concurrently");
    }

    private static DynamoSubscriberWrites.Change change(UpdateRecord r) {
        return new DynamoSubscriberWrites.Change(r.botId(), r.updateId(), r.at(), r.source());
    }

    private static AcceptedUpdate accepted(UpdateRecord r, List<BotEvent> events, boolean subscriberRecorded) {
        return new AcceptedUpdate(r.fence(), r.updateId(), r.at(), r.chatId(), r.contact(), AcceptedUpdate.compact(events),
                subscriberRecorded);
    }

    /** An ordinary update: the accepted item alone, written if the update id is new (or its record expired). */
    private Outcome accept(UpdateRecord r, List<BotEvent> events) {
        long now = r.at().getEpochSecond();
        try {
            dynamoDb.putItem(b -> b.tableName(ephemeralTable)
                    .item(DynamoAcceptedUpdates.item(accepted(r, events, false), now + DEDUPE_TTL.toSeconds()))
                    .conditionExpression(NEW_OR_EXPIRED)
                    .expressionAttributeValues(Map.of(":now", n(now))));
            return Outcome.of(Result.DONE);
        } catch (ConditionalCheckFailedException e) {
            return Outcome.of(Result.DUPLICATE);
        }
    }

    @Override
    public void forget(String botId, long updateId) {
        dynamoDb.deleteItem(b -> b.tableName(ephemeralTable).key(Map.of("pk", s(dedupeKey(botId, updateId)))));
    }

    @Override
    public int failedAttempt(String botId, long updateId, Instant at) {
        long now = at.getEpochSecond();
        Map<String, AttributeValue> key = Map.of("pk", s(failureKey(botId, updateId)));
        var updated = dynamoDb.updateItem(b -> b.tableName(ephemeralTable).key(key)
                .updateExpression("SET attempts = if_not_exists(attempts, :zero) + :one, expiresAt = if_not_exists(expiresAt, :exp)")
                .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":exp", n(now + DEDUPE_TTL.toSeconds())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        if (Long.parseLong(updated.get("expiresAt").n()) > now) {
            return Integer.parseInt(updated.get("attempts").n());
        }
        // a count left from an earlier use of this update id (TTL deletion is lazy): start again
        dynamoDb.putItem(b -> b.tableName(ephemeralTable).item(Map.of("pk", key.get("pk"), "attempts", n(1),
                "expiresAt", n(now + DEDUPE_TTL.toSeconds()))));
        return 1;
    }

    static String failureKey(String botId, long updateId) {
        return "FAIL#" + botId + "#" + updateId;
    }

    static String dedupeKey(String botId, long updateId) {
        return "UPD#" + botId + "#" + updateId;
    }

    private Tx transact(UpdateRecord r, List<BotEvent> events, List<TransactWriteItem> writes) {
        long now = r.at().getEpochSecond();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(ephemeralTable)
                .item(DynamoAcceptedUpdates.item(accepted(r, events, true), now + DEDUPE_TTL.toSeconds()))
                .conditionExpression(NEW_OR_EXPIRED)
                .expressionAttributeValues(Map.of(":now", n(now)))
                .build()).build());
        items.add(DynamoLeaseStore.fenceCheck(botsTable, r.fence()));
        items.addAll(writes);
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return Tx.OK;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return Tx.DUPLICATE;
            }
            if (failed(reasons, 1)) {
                return Tx.FENCED;
            }
            if (failed(reasons, 2) || failed(reasons, 3)) {
                return Tx.SUBSCRIBER_CONDITION;
            }
            throw e;
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** Refreshes names and last-seen hour of a subscriber whose status is already the wanted one. */
    private Update.Builder touch(UpdateRecord r, Contact c, String expectedStatus) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = DynamoSubscriberWrites.contactSets(r.at(), c, names, values);
        names.put("#status", "status");
        values.put(":old", s(expectedStatus));
        return Update.builder().tableName(subscribersTable).key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                .updateExpression("SET " + String.join(", ", set)).conditionExpression("#status = :old")
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }
}
