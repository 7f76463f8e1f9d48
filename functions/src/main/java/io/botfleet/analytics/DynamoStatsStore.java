package io.botfleet.analytics;

import static io.botfleet.shared.aws.Attributes.key;
import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.number;

import io.botfleet.shared.aws.BatchGet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * StatsTable (docs/data-model.md): counters {@code pk = STATS#<botId>#hour|day, sk = 2026-11-30T14 | 2026-11-30}
 * with one number attribute per counted metric; dedupe records {@code pk = SEEN#<botId>, sk = <hour>#<part>} with
 * the counted event ids (a string set) and a version; active chats {@code pk = ACTIVE#<botId>, sk = <day>#<shard>}
 * as string sets. {@code expiresAt} (epoch seconds) is the table's TTL attribute.
 */
public final class DynamoStatsStore implements StatsStore {
    /** Longer than an event can take to come back: 4 days in the queue, then 14 in its DLQ before a redrive. */
    static final Duration SEEN_RETENTION = Duration.ofDays(21);
    /**
     * A day's active chats fill shard 0, then 1, ...: a bot writes one set per day and batch. DynamoDB bills an
     * update by the item's size, so a shard is kept small (5,000 ids of up to 15 characters, at most ≈ 75 KB).
     * A chat may land in two shards (its first shard was full); the count is the size of their union.
     */
    static final int ACTIVE_SHARDS = 20;
    static final int ACTIVE_PER_SHARD = 5_000;
    /** Open shard per bot and day, as last found by this instance: it skips the shards it knows are full. */
    private final Map<String, Integer> openShards = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 10_000;
        }
    });

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration hourlyRetention;
    private final Optional<Duration> dailyRetention;

    /** @param dailyRetention empty: daily counters and active chats are kept indefinitely */
    public DynamoStatsStore(DynamoDbClient dynamoDb, String table, Duration hourlyRetention, Optional<Duration> dailyRetention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.hourlyRetention = hourlyRetention;
        this.dailyRetention = dailyRetention;
    }

    static Map<String, AttributeValue> seenKey(SeenKey k) {
        return key("SEEN#" + k.botId(), Granularity.HOUR.label(k.hour()) + "#" + k.part());
    }

    static String countersPk(String botId, Granularity granularity) {
        return "STATS#" + botId + "#" + granularity.id();
    }

    @Override
    public Map<SeenKey, Seen> seen(Collection<SeenKey> keys) {
        Map<String, SeenKey> bySk = new HashMap<>();
        List<Map<String, AttributeValue>> itemKeys = new ArrayList<>();
        for (SeenKey k : keys) {
            Map<String, AttributeValue> itemKey = seenKey(k);
            bySk.put(itemKey.get("pk").s() + " " + itemKey.get("sk").s(), k);
            itemKeys.add(itemKey);
        }
        Map<SeenKey, Seen> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, table, itemKeys, true)) {
            AttributeValue ids = item.get("ids");
            found.put(bySk.get(item.get("pk").s() + " " + item.get("sk").s()),
                    new Seen(ids == null ? Set.of() : new HashSet<>(ids.ss()), number(item, "version")));
        }
        return found;
    }

    @Override
    public boolean commit(Commit commit) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (Claim claim : commit.claims()) {
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":ids", AttributeValue.fromSs(List.copyOf(claim.ids())),
                    ":one", n(1), ":exp", n(claim.key().hour().plus(SEEN_RETENTION).getEpochSecond())));
            String condition = "attribute_not_exists(version)";
            if (claim.expectedVersion() > 0) {
                condition = "version = :v";
                values.put(":v", n(claim.expectedVersion()));
            }
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(seenKey(claim.key()))
                    .updateExpression("ADD ids :ids, version :one SET expiresAt = :exp")
                    .conditionExpression(condition).expressionAttributeValues(values).build()).build());
        }
        commit.adds().forEach((bucket, counts) -> items.add(TransactWriteItem.builder().update(add(bucket, counts)).build()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void add(Map<BucketKey, Map<Metric, Long>> adds) {
        adds.forEach((bucket, counts) -> {
            Update update = add(bucket, counts);
            dynamoDb.updateItem(b -> b.tableName(update.tableName()).key(update.key())
                    .updateExpression(update.updateExpression()).expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
        });
    }

    private Update add(BucketKey bucket, Map<Metric, Long> counts) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        counts.forEach((metric, count) -> {
            String i = Integer.toString(names.size());
            names.put("#m" + i, metric.attribute());
            values.put(":m" + i, n(count));
            adds.add("#m" + i + " :m" + i);
        });
        String expression = "ADD " + String.join(", ", adds);
        Optional<Duration> retention = bucket.granularity() == Granularity.HOUR ? Optional.of(hourlyRetention) : dailyRetention;
        if (retention.isPresent()) {
            expression += " SET expiresAt = :exp";
            values.put(":exp", n(bucket.start().plus(retention.get()).getEpochSecond()));
        }
        return Update.builder().tableName(table)
                .key(key(countersPk(bucket.botId(), bucket.granularity()), bucket.granularity().label(bucket.start())))
                .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    @Override
    public void addActiveChats(String botId, Instant day, Set<String> chatIds) {
        String dayKey = botId + "#" + Granularity.DAY.label(day);
        Optional<Long> expiresAt = dailyRetention.map(r -> day.plus(r).getEpochSecond());
        int shard = openShards.getOrDefault(dayKey, 0);
        while (shard < ACTIVE_SHARDS) {
            Map<String, AttributeValue> itemKey = activeKey(botId, day, shard);
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":chats", AttributeValue.fromSs(List.copyOf(chatIds)),
                    ":cap", n(ACTIVE_PER_SHARD)));
            expiresAt.ifPresent(e -> values.put(":exp", n(e)));
            String set = expiresAt.isPresent() ? " SET expiresAt = :exp" : "";
            try {
                dynamoDb.updateItem(b -> b.tableName(table).key(itemKey).updateExpression("ADD chats :chats" + set)
                        .conditionExpression("attribute_not_exists(chats) OR size(chats) < :cap").expressionAttributeValues(values));
                openShards.put(dayKey, shard);
                return;
            } catch (ConditionalCheckFailedException full) {
                shard++;
            }
        }
        // every shard holds all it can: the day's count becomes a lower bound, said so in the answer
        openShards.put(dayKey, ACTIVE_SHARDS);
        dynamoDb.updateItem(b -> b.tableName(table).key(activeKey(botId, day, ACTIVE_SHARDS - 1)).updateExpression("SET #full = :true")
                .expressionAttributeNames(Map.of("#full", "full")).expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))));
    }

    private static Map<String, AttributeValue> activeKey(String botId, Instant day, int shard) {
        return key("ACTIVE#" + botId, Granularity.DAY.label(day) + "#" + String.format("%02d", shard));
    }

    @Override
    public Map<Instant, Map<Metric, Long>> counters(String botId, Granularity granularity, Instant from, Instant to) {
        Map<Instant, Map<Metric, Long>> out = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : query(countersPk(botId, granularity), granularity.label(from),
                granularity.label(to.minusNanos(1)))) {
            Map<Metric, Long> counts = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.counters()) {
                AttributeValue v = item.get(metric.attribute());
                if (v != null) {
                    counts.put(metric, Long.parseLong(v.n()));
                }
            }
            out.put(start(granularity, item.get("sk").s()), counts);
        }
        return out;
    }

    @Override
    public DailyActive activeChats(String botId, Instant fromDay, Instant toDay) {
        Map<Instant, Set<String>> byDay = new TreeMap<>();
        Set<Instant> lowerBound = new HashSet<>();
        for (Map<String, AttributeValue> item : query("ACTIVE#" + botId, Granularity.DAY.label(fromDay) + "#",
                Granularity.DAY.label(toDay.minusNanos(1)) + "#~")) {
            Instant day = start(Granularity.DAY, item.get("sk").s().substring(0, 10));
            AttributeValue chats = item.get("chats");
            byDay.computeIfAbsent(day, k -> new HashSet<>()).addAll(chats == null ? List.of() : chats.ss());
            if (item.containsKey("full")) {
                lowerBound.add(day);
            }
        }
        Map<Instant, Long> counts = new TreeMap<>();
        byDay.forEach((day, chats) -> counts.put(day, (long) chats.size()));
        return new DailyActive(counts, lowerBound);
    }

    private Iterable<Map<String, AttributeValue>> query(String pk, String fromSk, String toSk) {
        return dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":from", AttributeValue.fromS(fromSk),
                        ":to", AttributeValue.fromS(toSk)))).items();
    }

    private static Instant start(Granularity granularity, String label) {
        return Instant.parse(granularity == Granularity.HOUR ? label + ":00:00Z" : label + "T00:00:00Z");
    }
}
