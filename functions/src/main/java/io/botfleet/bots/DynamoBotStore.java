package io.botfleet.bots;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.number;
import static io.botfleet.shared.aws.Attributes.s;
import static io.botfleet.shared.aws.Attributes.str;
import static io.botfleet.shared.aws.Attributes.toAttributes;
import static io.botfleet.shared.aws.Attributes.toStrings;

import io.botfleet.ownership.DynamoLeaseStore;
import io.botfleet.ownership.Fence;
import io.botfleet.ownership.LeaseStore;
import io.botfleet.shared.aws.Attributes;
import io.botfleet.shared.aws.BatchGet;
import io.botfleet.shared.paging.Page;
import io.botfleet.shared.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Bot profile ({@code sk = PROFILE}) and webhook health ({@code sk = WEBHOOK}) items; data-model.md patterns 1, 3, 7. */
public final class DynamoBotStore implements BotStore {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoBotStore(DynamoDbClient dynamoDb, String botsTable) {
        this.dynamoDb = dynamoDb;
        this.table = botsTable;
    }

    public String table() {
        return table;
    }

    static Map<String, AttributeValue> key(String botId, String sk) {
        return Attributes.key("BOT#" + botId, sk);
    }

    @Override
    public boolean create(Bot bot) {
        Map<String, AttributeValue> item = new HashMap<>(toItem(bot));
        item.put("pk", s("BOT#" + bot.botId()));
        item.put("sk", s("PROFILE"));
        item.put("gsi1pk", s("BOTS"));
        item.put("gsi1sk", s(Timestamps.iso(bot.createdAt()) + "#" + bot.botId()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Bot> get(String botId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key(botId, "PROFILE")).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Page<Bot> list(Optional<Map<String, String>> startKey, int limit) {
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("BOTS"))).scanIndexForward(false).limit(limit);
            startKey.ifPresent(k -> b.exclusiveStartKey(toAttributes(k)));
        });
        return new Page<>(response.items().stream().map(DynamoBotStore::fromItem).toList(), lastKey(response.lastEvaluatedKey()));
    }

    @Override
    public Bot update(Bot bot, long expectedVersion) {
        Bot.Replies r = bot.replies();
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(bot.botId(), "PROFILE"))
                    .updateExpression("SET displayName = :dn, sendRatePerSec = :rate, paidBroadcast = :paid, replyStart = :rs, "
                            + "replyStop = :rp, webhookPolicy = :wp, tokenCipher = :tc, tokenMask = :tm, #status = :st, "
                            + "version = version + :one" + (bot.tokenRevokedAt() == null ? " REMOVE tokenRevokedAt" : ""))
                    .conditionExpression("version = :v")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.ofEntries(
                            Map.entry(":dn", s(bot.displayName())), Map.entry(":rate", n(bot.sendRatePerSec())),
                            Map.entry(":paid", AttributeValue.fromBool(bot.paidBroadcast())),
                            Map.entry(":rs", s(r.start())), Map.entry(":rp", s(r.stop())),
                            Map.entry(":wp", s(bot.webhookPolicy())), Map.entry(":tc", s(bot.tokenCipher())),
                            Map.entry(":tm", s(bot.tokenMask())), Map.entry(":st", s(bot.status())),
                            Map.entry(":one", n(1)), Map.entry(":v", n(expectedVersion)))));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflict(bot.botId());
        }
        return bot.withVersion(expectedVersion + 1);
    }

    @Override
    public boolean flagTokenRevoked(String botId, String tokenMask, Instant at) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(botId, "PROFILE"))
                    .updateExpression("SET tokenRevokedAt = :at, version = version + :one")
                    .conditionExpression("tokenMask = :tm AND attribute_not_exists(tokenRevokedAt)")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()), ":one", n(1), ":tm", s(tokenMask))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void setWebhookState(String botId, String state, Fence fence) {
        fenced(fence, TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(botId, "PROFILE"))
                .updateExpression("SET webhookState = :s, version = version + :one").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":s", s(state), ":one", n(1))).build()).build());
    }

    @Override
    public void attachWebhook(String botId, String secretHash, Fence fence) {
        fenced(fence, TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(botId, "PROFILE"))
                .updateExpression("SET webhookState = :s, webhookSecretHash = :h, webhookSecretEpoch = :e, version = version + :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":s", s("attached"), ":h", s(secretHash), ":e", n(fence.epoch()), ":one", n(1)))
                .build()).build());
    }

    @Override
    public void putWebhookHealth(WebhookHealth h, Fence fence) {
        Map<String, AttributeValue> item = new HashMap<>(key(h.botId(), "WEBHOOK"));
        item.put("url", s(h.url()));
        item.put("expectedUrl", s(h.expectedUrl()));
        item.put("urlMismatch", AttributeValue.fromBool(h.urlMismatch()));
        item.put("pendingUpdateCount", n(h.pendingUpdateCount()));
        h.lastErrorDate().ifPresent(d -> item.put("lastErrorDate", s(d.toString())));
        h.lastErrorMessage().ifPresent(m -> item.put("lastErrorMessage", s(m)));
        item.put("maxConnections", n(h.maxConnections()));
        item.put("ownerId", s(h.ownerId()));
        item.put("epoch", n(h.epoch()));
        item.put("action", s(h.action()));
        item.put("checkedAt", s(h.checkedAt().toString()));
        fenced(fence, TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
    }

    @Override
    public Optional<WebhookHealth> webhookHealth(String botId) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(key(botId, "WEBHOOK"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(webhookHealth(botId, item));
    }

    @Override
    public Map<String, WebhookHealth> webhookHealth(Collection<String> botIds) {
        Map<String, WebhookHealth> found = new HashMap<>();
        for (var item : BatchGet.items(dynamoDb, table, botIds.stream().map(id -> key(id, "WEBHOOK")).toList(), false)) {
            String botId = item.get("pk").s().substring("BOT#".length());
            found.put(botId, webhookHealth(botId, item));
        }
        return found;
    }

    private static WebhookHealth webhookHealth(String botId, Map<String, AttributeValue> item) {
        return new WebhookHealth(botId, str(item, "url"), str(item, "expectedUrl"),
                item.containsKey("urlMismatch") && item.get("urlMismatch").bool(),
                (int) number(item, "pendingUpdateCount"),
                Optional.ofNullable(item.get("lastErrorDate")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("lastErrorMessage")).map(AttributeValue::s),
                (int) number(item, "maxConnections"), str(item, "ownerId"), (int) number(item, "epoch"), str(item, "action"),
                Instant.parse(str(item, "checkedAt")));
    }

    @Override
    public void delete(String botId) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("BOT#" + botId)))
                        .projectionExpression("pk, sk");
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            for (var item : page.items()) {
                if (!item.get("sk").s().equals("LEASE")) {
                    dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void fenced(Fence fence, TransactWriteItem write) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(DynamoLeaseStore.fenceCheck(table, fence), write));
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new LeaseStore.FencedOut(fence);
            }
            throw e;
        }
    }

    static Map<String, AttributeValue> toItem(Bot bot) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("botId", s(bot.botId()));
        item.put("username", s(bot.username()));
        item.put("displayName", s(bot.displayName()));
        item.put("tokenCipher", s(bot.tokenCipher()));
        item.put("tokenMask", s(bot.tokenMask()));
        item.put("status", s(bot.status()));
        item.put("sendRatePerSec", n(bot.sendRatePerSec()));
        item.put("paidBroadcast", AttributeValue.fromBool(bot.paidBroadcast()));
        item.put("replyStart", s(bot.replies().start()));
        item.put("replyStop", s(bot.replies().stop()));
        item.put("webhookPolicy", s(bot.webhookPolicy()));
        item.put("webhookState", s(bot.webhookState()));
        item.put("allowedUpdates", AttributeValue.fromL(bot.allowedUpdates().stream().map(Attributes::s).toList()));
        item.put("createdAt", s(Timestamps.iso(bot.createdAt())));
        item.put("createdBy", s(bot.createdBy()));
        item.put("version", n(bot.version()));
        if (bot.tokenRevokedAt() != null) {
            item.put("tokenRevokedAt", s(bot.tokenRevokedAt().toString()));
        }
        return item;
    }

    public static Bot fromItem(Map<String, AttributeValue> item) {
        List<String> allowed = new ArrayList<>();
        if (item.containsKey("allowedUpdates")) {
            item.get("allowedUpdates").l().forEach(v -> allowed.add(v.s()));
        }
        return new Bot(str(item, "botId"), str(item, "username"), str(item, "displayName"), str(item, "tokenCipher"),
                str(item, "tokenMask"), str(item, "status"), (int) number(item, "sendRatePerSec"),
                item.containsKey("paidBroadcast") && item.get("paidBroadcast").bool(),
                new Bot.Replies(str(item, "replyStart"), str(item, "replyStop")),
                str(item, "webhookPolicy"), str(item, "webhookState"), List.copyOf(allowed),
                Instant.parse(str(item, "createdAt")), str(item, "createdBy"), (int) number(item, "version"),
                item.containsKey("tokenRevokedAt") ? Instant.parse(item.get("tokenRevokedAt").s()) : null);
    }

    static Optional<Map<String, String>> lastKey(Map<String, AttributeValue> key) {
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toStrings(key));
    }
}
