package io.botfleet.webhook;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.time.Timestamps;
import io.botfleet.subscribers.DynamoSubscriberStore;
import io.botfleet.subscribers.Subscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The subscriber writes of an update (data-model.md patterns 10, 11, 17), as the webhook's status transaction and
 * the stream consumer's first contact both make them: a status change conditioned on the status read before it (or
 * on the subscriber's absence) and the counters moved with it, so each change is counted exactly once.
 */
final class DynamoSubscriberWrites {
    private DynamoSubscriberWrites() {}

    /** What a write needs to know of the update: whose, which, when, from where. */
    record Change(String botId, long updateId, Instant at, Optional<String> source) {}

    static Update.Builder statusChange(String table, Change r, UpdateLedger.Contact c, Optional<String> old, String wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> set = contactSets(r.at(), c, names, values);
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
        return Update.builder().tableName(table).key(DynamoSubscriberStore.key(r.botId(), c.chatId()))
                .updateExpression("SET " + String.join(", ", set)).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values);
    }

    static TransactWriteItem counters(String table, String botId, Optional<String> old, String wanted) {
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
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(DynamoSubscriberStore.key(botId, DynamoSubscriberStore.COUNTERS))
                .updateExpression("ADD " + String.join(", ", add))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /** Names, language and the hour last seen: what every update from the chat refreshes. */
    static List<String> contactSets(Instant at, UpdateLedger.Contact c, Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> set = new ArrayList<>();
        set.add("chatType = :ct");
        values.put(":ct", s(c.chatType()));
        set.add("firstName = :fn");
        values.put(":fn", s(c.firstName()));
        set.add("lastSeenAt = :seen");
        values.put(":seen", s(Timestamps.isoHour(at)));
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
