package io.botfleet.media;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.broadcast.content.MediaKind;
import io.botfleet.shared.aws.Attributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The media table (docs/data-model.md): {@code MEDIA#<id>/ITEM} an item (listed newest first through {@code gsi1},
 * {@code gsi1pk = LIBRARY}, {@code gsi1sk = <id>}; a duplicate's alias carries {@code aliasOf} and no index keys),
 * {@code MEDIA#<id>/USE#<campaignId>} a campaign that sends it, {@code MEDIA#<id>/BOT#<botId>} its Telegram file id
 * for a bot ({@link DynamoFileIds}), {@code HASH#<sha256>/CONTENT} which item holds that content.
 */
public final class DynamoMediaStore implements MediaStore {
    static final String ITEM = "ITEM";
    private static final String LIBRARY = "LIBRARY";
    private static final String USE = "USE#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoMediaStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    static String pk(String id) {
        return "MEDIA#" + id;
    }

    @Override
    public void create(MediaItem pending) {
        dynamoDb.putItem(b -> b.tableName(table).item(attributes(pending)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<MediaItem> get(String id) {
        Map<String, AttributeValue> raw = read(id);
        if (raw != null && raw.containsKey("aliasOf")) {
            raw = read(raw.get("aliasOf").s());
        }
        return raw == null || raw.containsKey("aliasOf") ? Optional.empty() : Optional.of(item(raw));
    }

    @Override
    public Optional<MediaItem> getOwn(String id) {
        Map<String, AttributeValue> raw = read(id);
        return raw == null || raw.containsKey("aliasOf") ? Optional.empty() : Optional.of(item(raw));
    }

    private Map<String, AttributeValue> read(String id) {
        Map<String, AttributeValue> raw = dynamoDb.getItem(b -> b.tableName(table).key(Attributes.key(pk(id), ITEM))
                .consistentRead(true)).item();
        return raw == null || raw.isEmpty() ? null : raw;
    }

    @Override
    public boolean finish(MediaItem processed) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(attributes(processed))
                    .conditionExpression("#s = :pending")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":pending", s(MediaStatus.PENDING.json()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public String claimContent(String sha256, String id) {
        Map<String, AttributeValue> key = Attributes.key("HASH#" + sha256, "CONTENT");
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("mediaId", s(id));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR mediaId = :id")
                    .expressionAttributeValues(Map.of(":id", s(id))));
            return id;
        } catch (ConditionalCheckFailedException e) {
            return dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item().get("mediaId").s();
        }
    }

    @Override
    public void alias(String id, String holderId) {
        Map<String, AttributeValue> item = new HashMap<>(Attributes.key(pk(id), ITEM));
        item.put("aliasOf", s(holderId));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Page list(String afterId, int limit) {
        Map<String, AttributeValue> start = afterId == null ? null : Map.of("pk", s(pk(afterId)), "sk", s(ITEM),
                "gsi1pk", s(LIBRARY), "gsi1sk", s(afterId));
        var page = dynamoDb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :l")
                .expressionAttributeValues(Map.of(":l", s(LIBRARY))).scanIndexForward(false).limit(limit)
                .exclusiveStartKey(start));
        List<MediaItem> items = page.items().stream().map(DynamoMediaStore::item).toList();
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Page(items, more && !items.isEmpty() ? items.getLast().id() : null);
    }

    @Override
    public void delete(MediaItem item) {
        List<WriteRequest> deletes = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(pk(item.id())))).projectionExpression("pk, sk")
                    .exclusiveStartKey(from));
            page.items().forEach(k -> deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(k)).build()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        for (int i = 0; i < deletes.size(); i += 25) {
            List<WriteRequest> chunk = deletes.subList(i, Math.min(deletes.size(), i + 25));
            var unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, chunk))).unprocessedItems();
            while (unprocessed != null && !unprocessed.isEmpty()) {
                var retry = unprocessed;
                unprocessed = dynamoDb.batchWriteItem(b -> b.requestItems(retry)).unprocessedItems();
            }
        }
        if (item.sha256() != null) {
            try {
                dynamoDb.deleteItem(b -> b.tableName(table).key(Attributes.key("HASH#" + item.sha256(), "CONTENT"))
                        .conditionExpression("mediaId = :id").expressionAttributeValues(Map.of(":id", s(item.id()))));
            } catch (ConditionalCheckFailedException e) {
                // the content is another item's
            }
        }
    }

    @Override
    public void used(String id, String campaignId, String botId) {
        Map<String, AttributeValue> item = new HashMap<>(Attributes.key(pk(id), USE + campaignId));
        item.put("botId", s(botId));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<Use> uses(String id) {
        List<Use> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :use)")
                    .expressionAttributeValues(Map.of(":pk", s(pk(id)), ":use", s(USE))).exclusiveStartKey(from));
            page.items().forEach(i -> out.add(new Use(Attributes.str(i, "sk").substring(USE.length()), Attributes.str(i, "botId"))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> attributes(MediaItem m) {
        Map<String, AttributeValue> a = new HashMap<>(Attributes.key(pk(m.id()), ITEM));
        a.put("gsi1pk", s(LIBRARY));
        a.put("gsi1sk", s(m.id()));
        a.put("status", s(m.status().json()));
        a.put("fileName", s(m.fileName()));
        a.put("declaredType", s(m.declaredType()));
        a.put("declaredSize", n(m.declaredSize()));
        a.put("kind", s(m.kind().json()));
        a.put("createdAt", s(m.createdAt().toString()));
        a.put("createdBy", s(m.createdBy()));
        putIf(a, "format", m.format() == null ? null : s(m.format().json()));
        putIf(a, "width", m.width() == null ? null : n(m.width()));
        putIf(a, "height", m.height() == null ? null : n(m.height()));
        putIf(a, "durationSeconds", m.durationSeconds() == null ? null : AttributeValue.fromN(m.durationSeconds().toString()));
        putIf(a, "sizeBytes", m.sizeBytes() == null ? null : n(m.sizeBytes()));
        putIf(a, "sha256", m.sha256() == null ? null : s(m.sha256()));
        putIf(a, "sendKey", m.sendKey() == null ? null : s(m.sendKey()));
        putIf(a, "sendBytes", m.sendBytes() == null ? null : n(m.sendBytes()));
        putIf(a, "thumbnailKey", m.thumbnailKey() == null ? null : s(m.thumbnailKey()));
        putIf(a, "compression", m.compression() == null ? null : s(m.compression()));
        putIf(a, "reason", m.reason() == null ? null : s(m.reason()));
        putIf(a, "processedAt", m.processedAt() == null ? null : s(m.processedAt().toString()));
        return a;
    }

    private static void putIf(Map<String, AttributeValue> a, String name, AttributeValue value) {
        if (value != null) {
            a.put(name, value);
        }
    }

    /** A library item as stored; also how a restored export's rows are checked. */
    public static MediaItem item(Map<String, AttributeValue> a) {
        return new MediaItem(Attributes.str(a, "pk").substring("MEDIA#".length()),
                MediaStatus.valueOf(Attributes.str(a, "status").toUpperCase(Locale.ROOT)),
                Attributes.str(a, "fileName"), Attributes.str(a, "declaredType"), Attributes.number(a, "declaredSize"),
                MediaKind.fromJson(Attributes.str(a, "kind")),
                a.containsKey("format") ? MediaFormat.valueOf(Attributes.str(a, "format").toUpperCase(Locale.ROOT)) : null,
                integer(a, "width"), integer(a, "height"),
                a.containsKey("durationSeconds") ? Double.valueOf(a.get("durationSeconds").n()) : null,
                a.containsKey("sizeBytes") ? Attributes.number(a, "sizeBytes") : null,
                optional(a, "sha256"), optional(a, "sendKey"),
                a.containsKey("sendBytes") ? Attributes.number(a, "sendBytes") : null,
                optional(a, "thumbnailKey"), optional(a, "compression"), optional(a, "reason"),
                Attributes.instant(a.get("createdAt")), Attributes.str(a, "createdBy"), Attributes.instant(a.get("processedAt")));
    }

    private static Integer integer(Map<String, AttributeValue> a, String name) {
        return a.containsKey(name) ? (int) Attributes.number(a, name) : null;
    }

    private static String optional(Map<String, AttributeValue> a, String name) {
        return a.containsKey(name) ? Attributes.str(a, name) : null;
    }
}
