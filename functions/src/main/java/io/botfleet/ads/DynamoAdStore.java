package io.botfleet.ads;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.Attributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Advertisers and orders in CampaignsTable. An advertiser is {@code ADVERTISER#<id> / META}, listed through
 * {@code gsi1} ({@code ADVERTISERS} / id); an order lives beside its campaign, {@code CAMPAIGN#<campaignId> / AD_ORDER},
 * so the sender finds it with one {@code GetItem}, and is listed through {@code gsi1} ({@code AD_ORDERS} / campaign id).
 */
public final class DynamoAdStore implements AdStore {
    private static final String ADVERTISERS = "ADVERTISERS";
    private static final String ORDERS = "AD_ORDERS";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoAdStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    private static Map<String, AttributeValue> advertiserKey(String id) {
        return Attributes.key("ADVERTISER#" + id, "META");
    }

    private static Map<String, AttributeValue> orderKey(String campaignId) {
        return Attributes.key("CAMPAIGN#" + campaignId, "AD_ORDER");
    }

    private static Map<String, AttributeValue> item(Advertiser a) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(advertiserKey(a.id()));
        item.put("gsi1pk", s(ADVERTISERS));
        item.put("gsi1sk", s(a.id()));
        item.put("name", s(a.name()));
        if (a.contactEmail() != null) {
            item.put("contactEmail", s(a.contactEmail()));
        }
        item.put("createdAt", s(a.createdAt().toString()));
        item.put("createdBy", s(a.createdBy()));
        item.put("version", n(a.version()));
        return item;
    }

    /** Also how a restored export's rows are checked, as the next. */
    public static Advertiser advertiser(Map<String, AttributeValue> item) {
        AttributeValue email = item.get("contactEmail");
        return new Advertiser(item.get("pk").s().substring("ADVERTISER#".length()), item.get("name").s(),
                email == null ? null : email.s(), Instant.parse(item.get("createdAt").s()), Attributes.text(item.get("createdBy")),
                Long.parseLong(item.get("version").n()));
    }

    private static Map<String, AttributeValue> item(AdOrder o) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(orderKey(o.campaignId()));
        item.put("gsi1pk", s(ORDERS));
        item.put("gsi1sk", s(o.campaignId()));
        item.put("advertiserId", s(o.advertiserId()));
        item.put("botId", s(o.botId()));
        item.put("model", s(o.pricing().model().json()));
        item.put("price", n(o.pricing().price()));
        item.put("currency", s(o.pricing().currency()));
        o.budget().ifPresent(b -> item.put("budget", n(b)));
        item.put("createdAt", s(o.createdAt().toString()));
        item.put("createdBy", s(o.createdBy()));
        item.put("version", n(o.version()));
        return item;
    }

    public static AdOrder order(Map<String, AttributeValue> item) {
        AttributeValue budget = item.get("budget");
        return new AdOrder(item.get("gsi1sk").s(), item.get("advertiserId").s(), item.get("botId").s(),
                new Pricing(PricingModel.fromJson(item.get("model").s()), Long.parseLong(item.get("price").n()),
                        item.get("currency").s()),
                budget == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(budget.n())),
                Instant.parse(item.get("createdAt").s()), Attributes.text(item.get("createdBy")),
                Long.parseLong(item.get("version").n()));
    }

    @Override
    public void createAdvertiser(Advertiser advertiser) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(advertiser)).conditionExpression("attribute_not_exists(pk)"));
    }

    @Override
    public Optional<Advertiser> advertiser(String advertiserId) {
        return get(advertiserKey(advertiserId)).map(DynamoAdStore::advertiser);
    }

    @Override
    public boolean replaceAdvertiser(Advertiser updated, long expectedVersion) {
        return replace(item(updated), expectedVersion);
    }

    @Override
    public Page<Advertiser> advertisers(String afterId, int limit) {
        return list(ADVERTISERS, afterId, limit, DynamoAdStore::advertiserKey, DynamoAdStore::advertiser);
    }

    @Override
    public boolean createOrder(AdOrder order) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(order)).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<AdOrder> order(String campaignId) {
        return get(orderKey(campaignId)).map(DynamoAdStore::order);
    }

    @Override
    public boolean replaceOrder(AdOrder updated, long expectedVersion) {
        return replace(item(updated), expectedVersion);
    }

    @Override
    public Page<AdOrder> orders(String afterId, int limit) {
        return list(ORDERS, afterId, limit, DynamoAdStore::orderKey, DynamoAdStore::order);
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private boolean replace(Map<String, AttributeValue> item, long expectedVersion) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private <T> Page<T> list(String partition, String afterId, int limit, Function<String, Map<String, AttributeValue>> key,
                             Function<Map<String, AttributeValue>, T> read) {
        var request = QueryRequest.builder().tableName(table).indexName("gsi1")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", s(partition)))
                .scanIndexForward(false)
                .limit(limit);
        if (afterId != null) {
            Map<String, AttributeValue> start = new LinkedHashMap<>(key.apply(afterId));
            start.put("gsi1pk", s(partition));
            start.put("gsi1sk", s(afterId));
            request.exclusiveStartKey(start);
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<T> items = new ArrayList<>();
        response.items().forEach(i -> items.add(read.apply(i)));
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey().get("gsi1sk").s() : null;
        return new Page<>(items, next);
    }
}
