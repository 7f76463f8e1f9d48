package io.botfleet.broadcast.send;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.shared.aws.BatchGet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Ledger chunks in DeliveriesTable: {@code pk = CAMPAIGN#<id>, sk = BATCH#<6 digits>}, one item per send batch of
 * up to 100 (free rate) or 1,000 (paid) recipients, rewritten whole at each checkpoint. Chat ids and message ids are
 * packed into one binary value each ({@link PackedLongs}), the open wave into a bit set: with chat ids spread as
 * Telegram's are, a free-rate chunk is under 1 KB, a paid one about 6 KB,
 * until failures add their reasons.
 */
public final class DynamoDeliveryLedger implements DeliveryLedger {
    static final Duration RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String campaignsTable;
    private final Clock clock;

    /** @param campaignsTable where the campaigns' progress counters live (counted with completed chunks) */
    public DynamoDeliveryLedger(DynamoDbClient dynamoDb, String table, String campaignsTable, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.campaignsTable = campaignsTable;
        this.clock = clock;
    }

    public static Map<String, AttributeValue> key(String campaignId, int batchNo) {
        return Map.of("pk", s("CAMPAIGN#" + campaignId),
                "sk", s("BATCH#%06d".formatted(batchNo)));
    }

    @Override
    public Optional<LedgerChunk> load(SendBatch batch) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(key(batch.campaignId(), batch.batchNo())).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fromItem(batch, item));
    }

    @Override
    public Map<SendBatch, LedgerChunk> loadAll(List<SendBatch> batches) {
        Map<String, SendBatch> byKey = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (SendBatch batch : batches) {
            Map<String, AttributeValue> key = key(batch.campaignId(), batch.batchNo());
            if (byKey.putIfAbsent(key.get("pk").s() + key.get("sk").s(), batch) == null) {
                keys.add(key);
            }
        }
        Map<SendBatch, LedgerChunk> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGet.items(dynamoDb, table, keys, true)) {
            SendBatch batch = byKey.get(item.get("pk").s() + item.get("sk").s());
            found.put(batch, fromItem(batch, item));
        }
        return found;
    }

    /** A chunk as stored; also how a restored export's rows are checked. */
    public static LedgerChunk fromItem(SendBatch batch, Map<String, AttributeValue> item) {
        AttributeValue stored = item.get("messageIds");
        long[] messageIds;
        if (stored.type() == AttributeValue.Type.B) {
            messageIds = PackedLongs.unpack(stored.b().asByteArray(), batch.recipients().size());
        } else {
            // chunks written before the packed form: a list of numbers
            List<AttributeValue> ids = stored.l();
            messageIds = new long[ids.size()];
            for (int i = 0; i < messageIds.length; i++) {
                messageIds[i] = Long.parseLong(ids.get(i).n());
            }
        }
        Map<Integer, String> errors = new HashMap<>();
        if (item.containsKey("errors")) {
            item.get("errors").m().forEach((k, v) -> errors.put(Integer.parseInt(k), v.s()));
        }
        Set<Integer> inFlight = new TreeSet<>();
        AttributeValue open = item.get("inFlight");
        if (open != null && open.type() == AttributeValue.Type.B) {
            BitSet.valueOf(open.b().asByteBuffer()).stream().forEach(inFlight::add);
        } else if (open != null) {
            // chunks written before the bit set: a number set
            open.ns().forEach(n -> inFlight.add(Integer.parseInt(n)));
        }
        Map<DeliveryOutcome, Integer> counted = new java.util.EnumMap<>(DeliveryOutcome.class);
        if (item.containsKey("counted")) {
            item.get("counted").m().forEach((k, v) -> counted.put(DeliveryOutcome.valueOf(k), Integer.parseInt(v.n())));
        }
        int countSeq = item.containsKey("countSeq") ? Integer.parseInt(item.get("countSeq").n()) : 0;
        return new LedgerChunk(batch, item.get("outcomes").s(), messageIds, errors, inFlight,
                Integer.parseInt(item.get("attempts").n()), counted, countSeq);
    }

    @Override
    public Page page(String campaignId, String cursor, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :batch)")
                .expressionAttributeValues(Map.of(":pk", s("CAMPAIGN#" + campaignId),
                        ":batch", s("BATCH#")))
                .limit(limit);
        if (cursor != null && !cursor.isBlank()) {
            request.exclusiveStartKey(key(campaignId, Integer.parseInt(cursor)));
        }
        var response = dynamoDb.query(request.build());
        List<LedgerChunk> chunks = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            int batchNo = Integer.parseInt(item.get("sk").s().substring("BATCH#".length()));
            SendBatch batch = new SendBatch(campaignId, item.get("botId").s(), batchNo, recipients(item));
            chunks.add(fromItem(batch, item));
        }
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? String.valueOf(Integer.parseInt(response.lastEvaluatedKey().get("sk").s().substring("BATCH#".length())))
                : null;
        return new Page(chunks, next);
    }

    public static List<Long> recipients(Map<String, AttributeValue> item) {
        AttributeValue stored = item.get("recipients");
        if (stored.type() == AttributeValue.Type.B) {
            byte[] bytes = stored.b().asByteArray();
            return java.util.Arrays.stream(PackedLongs.unpack(bytes, PackedLongs.count(bytes))).boxed().toList();
        }
        return stored.l().stream().map(v -> Long.parseLong(v.n())).toList();
    }

    @Override
    public void save(LedgerChunk chunk) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(chunk)));
    }

    /** The outcomes also counted per day (UTC), as {@code d_<yyyyMMdd>_<OUTCOME>} on the progress item. */
    public static final java.util.Set<DeliveryOutcome> DAILY = java.util.EnumSet.of(DeliveryOutcome.SENT, DeliveryOutcome.BLOCKED);
    public static final String DAY_PREFIX = "d_";

    @Override
    public boolean saveCounted(LedgerChunk chunk) {
        LedgerChunk.Snapshot s = chunk.snapshot();
        Map<DeliveryOutcome, Integer> delta = s.uncounted();
        boolean complete = s.complete();
        if (delta.isEmpty() && !complete) {
            dynamoDb.putItem(b -> b.tableName(table).item(item(chunk.batch(), s)));
            return false;
        }
        Map<String, AttributeValue> item = item(chunk.batch(), s);
        Map<String, AttributeValue> counted = new LinkedHashMap<>();
        s.finalCounts().forEach((o, n) -> counted.put(o.name(), n(n)));
        item.put("counted", AttributeValue.fromM(counted));
        item.put("countSeq", n(s.countSeq() + 1));
        Map<String, AttributeValue> conditionValues = new LinkedHashMap<>();
        conditionValues.put(":seq", n(s.countSeq()));
        // the count this chunk was read with is still the stored one: nobody counted these outcomes meanwhile
        String condition = "(attribute_not_exists(countSeq) OR countSeq = :seq)";
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> adds = new ArrayList<>();
        if (complete) {
            item.put("countedAt", s(clock.instant().toString()));
            condition += " AND attribute_not_exists(countedAt)";
            adds.add("batchesDone :one");
            values.put(":one", n(1));
        }
        String day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE.format(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        delta.forEach((outcome, n) -> {
            adds.add("n_" + outcome.name() + " :" + outcome.name());
            values.put(":" + outcome.name(), n(n));
            if (DAILY.contains(outcome)) {
                // by the day they were counted: what an advertiser's report shows per day
                adds.add(DAY_PREFIX + day + "_" + outcome.name() + " :" + outcome.name());
            }
        });
        values.put(":now", s(clock.instant().toString()));
        String itemCondition = condition;
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(table).item(item).conditionExpression(itemCondition)
                            .expressionAttributeValues(conditionValues)),
                    t -> t.update(u -> u.tableName(campaignsTable)
                            .key(Map.of("pk", s("CAMPAIGN#" + chunk.batch().campaignId()),
                                    "sk", s("PROGRESS")))
                            .updateExpression("SET updatedAt = :now ADD " + String.join(", ", adds))
                            .expressionAttributeValues(values))));
            chunk.counted(s);
            return complete;
        } catch (TransactionCanceledException e) {
            boolean countedBefore = e.cancellationReasons().size() > 0
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code());
            if (countedBefore) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void saveAll(List<LedgerChunk> chunks) {
        for (int from = 0; from < chunks.size(); from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (LedgerChunk chunk : chunks.subList(from, Math.min(chunks.size(), from + 25))) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(chunk)).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == 5) {
                    throw new IllegalStateException("DynamoDB kept refusing ledger writes");
                }
                if (attempt > 0) {
                    sleep(50L << attempt);
                }
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, AttributeValue> item(LedgerChunk chunk) {
        return item(chunk.batch(), chunk.snapshot());
    }

    private Map<String, AttributeValue> item(SendBatch batch, LedgerChunk.Snapshot s) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(batch.campaignId(), batch.batchNo()));
        item.put("botId", s(batch.botId()));
        long[] recipients = new long[batch.recipients().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = batch.recipients().get(i);
        }
        item.put("recipients", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(PackedLongs.pack(recipients))));
        item.put("outcomes", s(s.outcomes()));
        item.put("messageIds", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(PackedLongs.pack(s.messageIds()))));
        if (!s.errors().isEmpty()) {
            Map<String, AttributeValue> errors = new LinkedHashMap<>();
            s.errors().forEach((i, e) -> errors.put(i.toString(), s(e)));
            item.put("errors", AttributeValue.fromM(errors));
        }
        if (!s.inFlight().isEmpty()) {
            // a bit per recipient: a wave of 1,000 in flight is 125 bytes, not 1,000 numbers as strings (~4 KB)
            BitSet open = new BitSet(recipients.length);
            s.inFlight().forEach(open::set);
            item.put("inFlight", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(open.toByteArray())));
        }
        item.put("attempts", n(s.attempts()));
        // a checkpoint keeps what was counted; only saveCounted moves it, together with the counters
        if (!s.counted().isEmpty()) {
            Map<String, AttributeValue> counted = new LinkedHashMap<>();
            s.counted().forEach((o, n) -> counted.put(o.name(), n(n)));
            item.put("counted", AttributeValue.fromM(counted));
        }
        item.put("countSeq", n(s.countSeq()));
        item.put("updatedAt", s(clock.instant().toString()));
        item.put("expiresAt", n(clock.instant().plus(RETENTION).getEpochSecond()));
        return item;
    }
}
