package io.botfleet.subscribers;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.number;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.str;
import static io.botfleet.shared.aws.Attributes.toAttributes;
import static io.botfleet.shared.aws.Attributes.toStrings;

import io.botfleet.shared.aws.BatchGet;
import io.botfleet.shared.paging.Page;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Subscribers table: {@code botId}, {@code chatId}; index {@code byStatus} ({@code statusKey = <botId>#<status>},
 * {@code joinedKey = <joinedAt>#<chatId>}); reserved {@code #COUNTERS} item per bot (data-model.md patterns 11–17).
 */
public final class DynamoSubscriberStore implements SubscriberStore {
    public static final String COUNTERS = "#COUNTERS";
    /** Sorts after every reserved {@code #…} sort key and before every chat id (digits and '-'). */
    static final String FIRST_CHAT = "#~";

    /**
     * What one listing request may read: at most {@code queries} DynamoDB queries (a selective filter must not read a
     * 1M partition), each of {@code filteredRead} items when a filter applies — a filter drops most of what a query
     * reads, and a query per page size read would make a page of a selective filter many round trips. What a query
     * returns beyond the page is left for the next one (the cursor is then the key of the last item taken).
     */
    public record ReadBudget(int queries, int filteredRead) {
        public static final ReadBudget DEFAULT = new ReadBudget(10, 500);
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadBudget budget;

    public DynamoSubscriberStore(DynamoDbClient dynamoDb, String subscribersTable) {
        this(dynamoDb, subscribersTable, ReadBudget.DEFAULT);
    }

    public DynamoSubscriberStore(DynamoDbClient dynamoDb, String subscribersTable, ReadBudget budget) {
        this.dynamoDb = dynamoDb;
        this.table = subscribersTable;
        this.budget = budget;
    }

    public String table() {
        return table;
    }

    public static Map<String, AttributeValue> key(String botId, String chatId) {
        return Map.of("botId", s(botId), "chatId", s(chatId));
    }

    @Override
    public Page<Subscriber> page(String botId, SubscriberQuery q, Optional<Map<String, String>> startKey) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String keyCondition;
        String index = null;
        List<String> filters = new ArrayList<>();
        if (q.status().isPresent()) {
            index = "byStatus";
            keyCondition = "statusKey = :sk";
            values.put(":sk", s(botId + "#" + q.status().get()));
            if (q.joinedFrom().isPresent() || q.joinedTo().isPresent()) {
                keyCondition += " AND joinedKey BETWEEN :jf AND :jt";
                values.put(":jf", s(q.joinedFrom().map(Timestamps::iso).orElse("0")));
                values.put(":jt", s(q.joinedTo().map(Timestamps::iso).orElse("9") + "#~"));
            }
        } else {
            keyCondition = "botId = :b AND chatId > :first";
            values.put(":b", s(botId));
            values.put(":first", s(FIRST_CHAT));
            q.joinedFrom().ifPresent(f -> {
                filters.add("joinedAt >= :jf");
                values.put(":jf", s(Timestamps.iso(f)));
            });
            q.joinedTo().ifPresent(t -> {
                filters.add("joinedAt <= :jt");
                values.put(":jt", s(Timestamps.iso(t)));
            });
        }
        q.language().ifPresent(l -> {
            filters.add("#lang = :lang");
            names.put("#lang", "language");
            values.put(":lang", s(l));
        });
        q.tag().ifPresent(t -> {
            filters.add("contains(tags, :tag)");
            values.put(":tag", s(t));
        });
        q.lastActiveAfter().ifPresent(t -> {
            filters.add("lastSeenAt >= :la");
            values.put(":la", s(Timestamps.isoHour(t)));
        });
        q.text().ifPresent(t -> {
            filters.add("(contains(firstName, :q) OR contains(username, :q))");
            values.put(":q", s(t));
        });
        List<Subscriber> items = new ArrayList<>();
        Map<String, AttributeValue> start = startKey.map(io.botfleet.shared.aws.Attributes::toAttributes).orElse(null);
        int queries = 0;
        do {
            int wanted = q.limit() - items.size();
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values).limit(filters.isEmpty() ? wanted : Math.max(wanted, budget.filteredRead()));
            if (index != null) {
                request.indexName(index);
            }
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamoDb.query(request.build());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            List<Map<String, AttributeValue>> found = response.items();
            if (found.size() > wanted) {
                found = found.subList(0, wanted);
                start = keyOf(found.getLast(), index != null);
            }
            found.forEach(item -> items.add(fromItem(botId, item)));
            queries++;
        } while (start != null && items.size() < q.limit() && queries < budget.queries());
        return new Page<>(items, Optional.ofNullable(start).map(io.botfleet.shared.aws.Attributes::toStrings));
    }

    /** The key a query would have stopped at after {@code item}: the table's key, and the index's when it used one. */
    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, boolean byStatus) {
        Map<String, AttributeValue> key = new HashMap<>(Map.of("botId", item.get("botId"), "chatId", item.get("chatId")));
        if (byStatus) {
            key.put("statusKey", item.get("statusKey"));
            key.put("joinedKey", item.get("joinedKey"));
        }
        return key;
    }

    @Override
    public Optional<Subscriber> get(String botId, String chatId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key(botId, chatId))).item();
        return item == null || item.isEmpty() || chatId.startsWith("#") ? Optional.empty() : Optional.of(fromItem(botId, item));
    }

    @Override
    public SubscriberCounts counts(String botId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key(botId, COUNTERS))).item();
        return counts(item == null ? Map.of() : item);
    }

    @Override
    public Map<String, SubscriberCounts> counts(Collection<String> botIds) {
        Map<String, SubscriberCounts> found = new HashMap<>();
        botIds.forEach(id -> found.put(id, counts(Map.of())));
        for (var item : BatchGet.items(dynamoDb, table, botIds.stream().map(id -> key(id, COUNTERS)).toList(), false)) {
            found.put(item.get("botId").s(), counts(item));
        }
        return found;
    }

    /** A bot's counters as stored; also how a restored export's rows are checked, as subscribers below. */
    public static SubscriberCounts counts(Map<String, AttributeValue> item) {
        return new SubscriberCounts(number(item, Subscriber.ACTIVE), number(item, Subscriber.BLOCKED), number(item, Subscriber.LEFT),
                number(item, Subscriber.KICKED), number(item, Subscriber.DEACTIVATED), number(item, Subscriber.NOT_STARTED),
                number(item, "total"));
    }

    @Override
    public boolean changeTags(String botId, String chatId, Set<String> add, Set<String> remove) {
        try {
            if (!add.isEmpty()) {
                dynamoDb.updateItem(b -> b.tableName(table).key(key(botId, chatId)).updateExpression("ADD tags :t")
                        .conditionExpression("attribute_exists(chatId)")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.copyOf(add)))));
            }
            if (!remove.isEmpty()) {
                dynamoDb.updateItem(b -> b.tableName(table).key(key(botId, chatId)).updateExpression("DELETE tags :t")
                        .conditionExpression("attribute_exists(chatId)")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.copyOf(remove)))));
            }
            if (add.isEmpty() && remove.isEmpty()) {
                return get(botId, chatId).isPresent();
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String botId, String chatId) {
        // the status decides which counter moves; a concurrent change of it fails the condition, so read again
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Subscriber> current = get(botId, chatId);
            if (current.isEmpty()) {
                return false;
            }
            String status = current.get().status();
            try {
                dynamoDb.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(botId, chatId))
                                .conditionExpression("#status = :status")
                                .expressionAttributeNames(Map.of("#status", "status"))
                                .expressionAttributeValues(Map.of(":status", s(status)))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(key(botId, COUNTERS))
                                .updateExpression("ADD #status :minus, #total :minus")
                                .expressionAttributeNames(Map.of("#status", status, "#total", "total"))
                                .expressionAttributeValues(Map.of(":minus", n(-1)))).build()));
                return true;
            } catch (TransactionCanceledException e) {
                // the subscriber changed (or went) between the read and the write: try with what is there now
            }
        }
        throw new IllegalStateException("subscriber " + chatId + " of bot " + botId + " kept changing while being deleted");
    }

    @Override
    public void purge(String botId) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).keyConditionExpression("botId = :b").expressionAttributeValues(Map.of(":b", s(botId)))
                        .projectionExpression("botId, chatId").limit(500);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            List<WriteRequest> deletes = page.items().stream()
                    .map(i -> WriteRequest.builder().deleteRequest(d -> d.key(i)).build()).toList();
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> chunk = deletes.subList(i, Math.min(deletes.size(), i + 25));
                Map<String, List<WriteRequest>> pending = Map.of(table, chunk);
                for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
                    Map<String, List<WriteRequest>> request = pending;
                    var unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    pending = unprocessed == null ? Map.of() : unprocessed;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    public static Subscriber fromItem(String botId, Map<String, AttributeValue> item) {
        String status = str(item, "status");
        if (status.isEmpty() && item.containsKey("statusKey")) {
            String sk = item.get("statusKey").s();
            status = sk.substring(sk.lastIndexOf('#') + 1);
        }
        Set<String> tags = item.containsKey("tags") ? new HashSet<>(item.get("tags").ss()) : Set.of();
        String joinedAt = str(item, "joinedAt");
        if (joinedAt.isEmpty() && item.containsKey("joinedKey")) {
            joinedAt = item.get("joinedKey").s().substring(0, item.get("joinedKey").s().indexOf('#'));
        }
        return new Subscriber(botId, str(item, "chatId"), status, str(item, "chatType"), str(item, "firstName"),
                str(item, "username"), str(item, "language"), tags, str(item, "source"),
                joinedAt.isEmpty() ? Instant.EPOCH : Instant.parse(joinedAt),
                Optional.ofNullable(item.get("lastSeenAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("blockedAt")).map(v -> Instant.parse(v.s())));
    }
}
