package io.botfleet.ads;

import io.botfleet.broadcast.campaign.DeliveryOutcome;
import io.botfleet.broadcast.send.DynamoDeliveryLedger;
import io.botfleet.shared.aws.Attributes;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The per-day counters the senders ADD to a campaign's progress item ({@code CAMPAIGN#<id> / PROGRESS},
 * {@code d_<yyyyMMdd>_SENT} and {@code _BLOCKED}) with each batch they count: one {@code GetItem}.
 */
public final class DynamoDailyDeliveries implements DailyDeliveries {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDailyDeliveries(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public SortedMap<LocalDate, Day> byDay(String campaignId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(Attributes.key("CAMPAIGN#" + campaignId, "PROGRESS")).consistentRead(true)).item();
        SortedMap<LocalDate, long[]> days = new TreeMap<>();
        if (item != null) {
            item.forEach((name, value) -> {
                String prefix = DynamoDeliveryLedger.DAY_PREFIX;
                if (name.startsWith(prefix) && name.length() > prefix.length() + 9) {
                    LocalDate day = LocalDate.parse(name.substring(prefix.length(), prefix.length() + 8), DateTimeFormatter.BASIC_ISO_DATE);
                    String outcome = name.substring(prefix.length() + 9);
                    long[] counts = days.computeIfAbsent(day, d -> new long[2]);
                    if (outcome.equals(DeliveryOutcome.SENT.name())) {
                        counts[0] += Long.parseLong(value.n());
                    } else if (outcome.equals(DeliveryOutcome.BLOCKED.name())) {
                        counts[1] += Long.parseLong(value.n());
                    }
                }
            });
        }
        SortedMap<LocalDate, Day> out = new TreeMap<>();
        days.forEach((d, c) -> out.put(d, new Day(c[0], c[1])));
        return out;
    }
}
