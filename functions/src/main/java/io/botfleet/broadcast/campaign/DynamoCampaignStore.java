package io.botfleet.broadcast.campaign;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.Attributes;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.botfleet.shared.time.Timestamps;
import java.time.Clock;
import java.time.Instant;
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
 * and version beside it for conditions (and, while it waits for its schedule, {@code dueKey}/{@code dueAt} for the
 * sparse index byDue); {@code CAMPAIGN#<id> / PROGRESS} holds the planner's cursor (SET by the
 * planner) and the delivery counters (ADD by senders), separate attributes so neither overwrites the other.
 */
public final class DynamoCampaignStore implements CampaignStore {
    /** The one partition of the sparse index byDue: few campaigns wait at a time, and the sweep reads them in order. */
    private static final String DUE = "DUE";
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public DynamoCampaignStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    private static Map<String, AttributeValue> key(String campaignId, String sk) {
        return Attributes.key("CAMPAIGN#" + campaignId, sk);
    }

    private Map<String, AttributeValue> item(Campaign c) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(c.id(), "META"));
        item.put("gsi1pk", s(listing(c)));
        item.put("gsi1sk", s(c.id()));
        item.put("status", s(c.status().json()));
        item.put("version", n(c.version()));
        if (c.status() == CampaignStatus.SCHEDULED && c.schedule() != null && c.schedule().due() != null) {
            // only waiting campaigns carry these: the sparse index byDue holds nothing else
            item.put("dueKey", s(DUE));
            item.put("dueAt", s(Timestamps.iso(c.schedule().due())));
        }
        item.put("doc", s(Json.write(c)));
        return item;
    }

    /** A run is listed under its series; any other campaign under its bot. */
    private static String listing(Campaign c) {
        return c.isRun() ? "SERIES#" + c.seriesId() : "BOT#" + c.botId();
    }

    /** A campaign as stored; also how a restored export's rows are checked, as the progress below. */
    public static Campaign fromItem(Map<String, AttributeValue> item) {
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
    public boolean createIfAbsent(Campaign campaign) {
        try {
            create(campaign);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
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
                    .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page list(String botId, String afterId, int limit) {
        return page("BOT#" + botId, afterId, limit);
    }

    @Override
    public Page runs(String seriesId, String afterId, int limit) {
        return page("SERIES#" + seriesId, afterId, limit);
    }

    @Override
    public List<Due> due(Instant notAfter, int limit) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table).indexName("byDue")
                .keyConditionExpression("dueKey = :d AND dueAt <= :t")
                .expressionAttributeValues(Map.of(":d", s(DUE), ":t", s(Timestamps.iso(notAfter))))
                .limit(limit));
        return response.items().stream()
                .map(i -> new Due(i.get("pk").s().substring("CAMPAIGN#".length()), Instant.parse(i.get("dueAt").s())))
                .toList();
    }

    private Page page(String listing, String afterId, int limit) {
        var request = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                .tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :b")
                .expressionAttributeValues(Map.of(":b", s(listing)))
                .scanIndexForward(false)
                .limit(limit);
        if (afterId != null) {
            Map<String, AttributeValue> start = new LinkedHashMap<>(key(afterId, "META"));
            start.put("gsi1pk", s(listing));
            start.put("gsi1sk", s(afterId));
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

    public static CampaignProgress toProgress(Map<String, AttributeValue> item) {
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
        values.put(":c", plan.audienceCursor() == null ? AttributeValue.fromNul(true) : s(plan.audienceCursor()));
        values.put(":b", n(plan.nextBatch()));
        values.put(":r", n(plan.recipients()));
        values.put(":d", AttributeValue.fromBool(plan.done()));
        values.put(":now", s(clock.instant().toString()));
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
