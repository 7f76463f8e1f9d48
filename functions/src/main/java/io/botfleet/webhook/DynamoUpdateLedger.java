package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.DynamoSubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One {@code TransactWriteItems} per ordinary update: [dedupe put (ephemeral table), fence check (bots table, lease),
 * subscriber update]; a status change adds a {@code GetItem} of the subscriber and the counters update
 * (data-model.md patterns 6, 10, 11, 17).
 */
public final class DynamoUpdateLedger implements UpdateLedger {
    static final Duration DEDUPE_TTL = Duration.ofHours(48);
    private static final int STATUS_ATTEMPTS = 3;

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
    public Outcome record(UpdateRecord r) {
        if (r.contact().isEmpty()) {
            return switch (transact(r, List.of())) {
                case OK -> Outcome.of(Result.DONE);
                case DUPLICATE -> Outcome.of(Result.DUPLICATE);
                default -> Outcome.of(Result.FENCED);
            };
        }
        Contact c = r.contact().get();
        if (r.newStatus().isEmpty()) {
            Tx tx = transact(r, List.of(touch(r, c, Optional.empty())));
            if (tx != Tx.SUBSCRIBER_CONDITION) {
                return done(tx, Optional.empty(), "", false);
            }
            // first contact without /start: the chat becomes an active subscriber
        }
        String wanted = r.newStatus().orElse(Subscriber.ACTIVE);
        for (int attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
            var current = dynamoDb.getItem(b -> b.tableName(subscribersTable).key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                    .consistentRead(true).projectionExpression("#s, statusUpdateId, previousStatus")
                    .expressionAttributeNames(Map.of("#s", "status"))).item();
            Optional<String> old = current == null || !current.containsKey("status") ? Optional.empty()
                    : Optional.of(current.get("status").s());
            Tx tx;
            if (old.isPresent() && old.get().equals(wanted)) {
                tx = transact(r, List.of(touch(r, c, old)));
                if (tx != Tx.SUBSCRIBER_CONDITION) {
                    // a retry of an update whose first attempt changed the status: report the change again
                    boolean replay = current.containsKey("statusUpdateId")
                            && current.get("statusUpdateId").n().equals(Long.toString(r.updateId()));
                    Optional<String> previous = replay ? Optional.ofNullable(current.get("previousStatus"))
                            .map(AttributeValue::s).filter(s -> !s.isEmpty()) : old;
                    return done(tx, previous, wanted, replay);
                }
            } else {
                tx = transact(r, List.of(statusChange(r, c, old, wanted), counters(r.botId(), old, wanted)));
                if (tx != Tx.SUBSCRIBER_CONDITION) {
                    return done(tx, old, wanted, true);
                }
            }
            // the subscriber changed between read and write: read again
        }
        throw new IllegalStateException("subscriber " + c.chatId() + " of bot " + r.botId() + " keeps changing concurrently");
    }

    private static Outcome done(Tx tx, Optional<String> previous, String status, boolean changed) {
        return switch (tx) {
            case OK -> new Outcome(Result.DONE, previous, status, changed);
            case DUPLICATE -> Outcome.of(Result.DUPLICATE);
            case FENCED -> Outcome.of(Result.FENCED);
            case SUBSCRIBER_CONDITION -> throw new IllegalStateException("unreachable");
        };
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

    private Tx transact(UpdateRecord r, List<TransactWriteItem> writes) {
        long now = r.at().getEpochSecond();
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(ephemeralTable)
                .item(Map.of("pk", s(dedupeKey(r.botId(), r.updateId())),
                        "expiresAt", n(now + DEDUPE_TTL.toSeconds()),
                        "receivedAt", s(Timestamps.iso(r.at()))))
                // TTL deletion is lazy (and never happens locally): an expired record is not a duplicate
                .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
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

    /** Refreshes names and last-seen hour of an existing subscriber (status untouched). */
    private TransactWriteItem touch(UpdateRecord r, Contact c, Optional<String> expectedStatus) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = contactSets(r, c, names, values);
        String condition = "attribute_exists(chatId)";
        if (expectedStatus.isPresent()) {
            condition += " AND #status = :old";
            names.put("#status", "status");
            values.put(":old", s(expectedStatus.get()));
        }
        var update = Update.builder().tableName(subscribersTable).key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                .updateExpression("SET " + String.join(", ", set)).conditionExpression(condition)
                .expressionAttributeValues(values);
        if (!names.isEmpty()) {
            update.expressionAttributeNames(names);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private TransactWriteItem statusChange(UpdateRecord r, Contact c, Optional<String> old, String wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = contactSets(r, c, names, values);
        names.put("#status", "status");
        String at = Timestamps.iso(r.at());
        set.add("#status = :new");
        set.add("statusKey = :sk");
        set.add("joinedAt = if_not_exists(joinedAt, :at)");
        set.add("joinedKey = if_not_exists(joinedKey, :jk)");
        set.add("statusChangedAt = :at");
        set.add("statusUpdateId = :uid");
        set.add("previousStatus = :prev");
        set.add("version = if_not_exists(version, :zero) + :one");
        values.put(":new", s(wanted));
        values.put(":sk", s(r.botId() + "#" + wanted));
        values.put(":at", s(at));
        values.put(":jk", s(at + "#" + c.chatId()));
        values.put(":uid", n(r.updateId()));
        values.put(":prev", s(old.orElse("")));
        values.put(":zero", n(0));
        values.put(":one", n(1));
        if (r.source().isPresent()) {
            set.add("#source = if_not_exists(#source, :src)");
            names.put("#source", "source");
            values.put(":src", s(r.source().get()));
        }
        if (wanted.equals(Subscriber.BLOCKED)) {
            set.add("blockedAt = :at");
        }
        String condition;
        if (old.isPresent()) {
            condition = "#status = :old";
            values.put(":old", s(old.get()));
        } else {
            condition = "attribute_not_exists(chatId)";
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(subscribersTable)
                .key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                .updateExpression("SET " + String.join(", ", set)).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem counters(String botId, Optional<String> old, String wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> add = new ArrayList<>();
        add.add("#new :one");
        names.put("#new", wanted);
        values.put(":one", n(1));
        if (old.isPresent()) {
            add.add("#old :minus");
            names.put("#old", old.get());
            values.put(":minus", n(-1));
        } else {
            add.add("#total :one");
            names.put("#total", "total");
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(subscribersTable)
                .key(DynamoSubscriberStore.key(botId, DynamoSubscriberStore.COUNTERS))
                .updateExpression("ADD " + String.join(", ", add))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private static List<String> contactSets(UpdateRecord r, Contact c, Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> set = new ArrayList<>();
        set.add("chatType = :ct");
        values.put(":ct", s(c.chatType()));
        set.add("firstName = :fn");
        values.put(":fn", s(c.firstName()));
        set.add("lastSeenAt = :seen");
        values.put(":seen", s(Timestamps.isoHour(r.at())));
        if (c.username() != null && !c.username().isEmpty()) {
            set.add("username = :un");
            values.put(":un", s(c.username()));
        }
        if (c.language() != null && !c.language().isEmpty()) {
            set.add("#lang = :lang");
            names.put("#lang", "language");
            values.put(":lang", s(c.language()));
        }
        return set;
    }
}
