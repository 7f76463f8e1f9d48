package io.botfleet.clicks;

import static io.botfleet.shared.aws.Attributes.n;
import static io.botfleet.shared.aws.Attributes.s;

import io.botfleet.shared.aws.Attributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Clicks in CampaignsTable, beside the campaign they belong to: {@code CAMPAIGN#<id> / CLICK#<link:03d>#<chatId>}, one
 * item per (link, recipient) and no sets. A click is one {@code UpdateItem} that ADDs 1 to the item's {@code clicks} and
 * to its day's counter {@code c_<yyyyMMdd>} and keeps the first click's day; the {@code clicks} it returns says whether
 * the click was the recipient's first on that link (unique). Totals are one paged {@code Query} of the campaign's
 * {@code CLICK#} items. Clicks do not expire: a CPC order's spend is counted from them.
 */
public final class DynamoClickLedger implements ClickLedger {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    static final String DAY_PREFIX = "c_";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoClickLedger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean record(ClickTarget target, Instant at) {
        String day = DAY.format(LocalDate.ofInstant(at, ZoneOffset.UTC));
        var key = Attributes.key("CAMPAIGN#" + target.campaignId(), String.format("CLICK#%03d#%d", target.link(), target.chatId()));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":one", n(1));
        values.put(":day", s(day));
        var updated = dynamoDb.updateItem(b -> b.tableName(table).key(key)
                .updateExpression("ADD clicks :one, #day :one SET firstDay = if_not_exists(firstDay, :day)")
                .expressionAttributeNames(Map.of("#day", DAY_PREFIX + day))
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.UPDATED_NEW));
        return "1".equals(updated.attributes().get("clicks").n());
    }

    @Override
    public ClickTotals totals(String campaignId) {
        List<Map.Entry<LocalDate, Map<LocalDate, Long>>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :click)")
                    .expressionAttributeValues(Map.of(":pk", s("CAMPAIGN#" + campaignId), ":click", s("CLICK#")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                Map<LocalDate, Long> days = new LinkedHashMap<>();
                item.forEach((name, value) -> {
                    if (name.startsWith(DAY_PREFIX)) {
                        days.put(LocalDate.parse(name.substring(DAY_PREFIX.length()), DAY), Long.parseLong(value.n()));
                    }
                });
                items.add(Map.entry(LocalDate.parse(item.get("firstDay").s(), DAY), days));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ClickTotals.of(items);
    }
}
