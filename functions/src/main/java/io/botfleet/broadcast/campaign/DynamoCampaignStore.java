package io.botfleet.broadcast.campaign;

import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Campaigns in CampaignsTable: {@code CAMPAIGN#<id> / META} holds the campaign as a JSON document with its status
 * and version beside it for conditions; {@code CAMPAIGN#<id> / PROGRESS} holds the planner's cursor (SET by the
 * planner) and the delivery counters (ADD by senders), separate attributes so neither overwrites the other.
 */
public final class DynamoCampaignStore implements CampaignStore {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoCampaignStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    private static Map<String, AttributeValue> key(String campaignId, String sk) {
        return Map.of("pk", AttributeValue.fromS("CAMPAIGN#" + campaignId), "sk", AttributeValue.fromS(sk));
    }

    private Map<String, AttributeValue> item(Campaign c) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(c.id(), "META"));
        item.put("gsi1pk", AttributeValue.fromS("BOT#" + c.botId()));
        item.put("gsi1sk", AttributeValue.fromS(c.id()));
        item.put("status", AttributeValue.fromS(c.status().json()));
        item.put("version", AttributeValue.fromN(Long.toString(c.version())));
        item.put("doc", AttributeValue.fromS(Json.write(c)));
        return item;
    }

    private static Campaign fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(item.get("doc").s(), Campaign.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable campaign", e);
        }
    }

    @Override
    public void create(Campaign campaign) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(campaign)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Campaign> get(String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(campaignId, "META"))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean replace(Campaign updated, long expectedVersion) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(updated))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page list(String botId, String afterId, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                .tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :b")
                .expressionAttributeValues(Map.of(":b", AttributeValue.fromS("BOT#" + botId)))
                .scanIndexForward(false)
                .limit(limit);
        if (afterId != null) {
            Map<String, AttributeValue> start = new LinkedHashMap<>(key(afterId, "META"));
            start.put("gsi1pk", AttributeValue.fromS("BOT#" + botId));
            start.put("gsi1sk", AttributeValue.fromS(afterId));
            request.exclusiveStartKey(start);
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<Campaign> campaigns = new ArrayList<>();
        response.items().forEach(i -> campaigns.add(fromItem(i)));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("gsi1sk").s() : null;
        return new Page(campaigns, next);
    }

    @Override
    public CampaignProgress progress(String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(campaignId, "PROGRESS"))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? CampaignProgress.NONE : toProgress(item);
    }

    private static CampaignProgress toProgress(Map<String, AttributeValue> item) {
        Map<DeliveryOutcome, Long> outcomes = new EnumMap<>(DeliveryOutcome.class);
        for (DeliveryOutcome o : DeliveryOutcome.values()) {
            AttributeValue v = item.get("n_" + o.name());
            if (v != null) {
                outcomes.put(o, Long.parseLong(v.n()));
            }
        }
        boolean planned = item.containsKey("planned") && item.get("planned").bool();
        return new CampaignProgress(number(item, "recipients"), number(item, "nextBatch"), number(item, "batchesDone"),
                planned, outcomes);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    @Override
    public void savePlan(String campaignId, PlanProgress plan) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":c", plan.audienceCursor() == null ? AttributeValue.fromNul(true) : AttributeValue.fromS(plan.audienceCursor()));
        values.put(":b", AttributeValue.fromN(Integer.toString(plan.nextBatch())));
        values.put(":r", AttributeValue.fromN(Long.toString(plan.recipients())));
        values.put(":d", AttributeValue.fromBool(plan.done()));
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        dynamoDb.updateItem(b -> b.tableName(table).key(key(campaignId, "PROGRESS"))
                .updateExpression("SET audienceCursor = :c, nextBatch = :b, recipients = :r, planned = :d, updatedAt = :now")
                .expressionAttributeValues(values));
    }

    @Override
    public Optional<PlanProgress> plan(String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(campaignId, "PROGRESS"))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("nextBatch")) {
            return Optional.empty();
        }
        AttributeValue cursor = item.get("audienceCursor");
        return Optional.of(new PlanProgress(cursor == null || Boolean.TRUE.equals(cursor.nul()) ? null : cursor.s(),
                (int) number(item, "nextBatch"), number(item, "recipients"), item.get("planned").bool()));
    }
}
