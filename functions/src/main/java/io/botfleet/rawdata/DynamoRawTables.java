package io.botfleet.rawdata;

import io.botfleet.shared.aws.Attributes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Pages through a table with Scan, turning each attribute into a plain value (numbers stay exact, binaries are only
 * their size). Every table's key is made of strings, so a page's last key travels as strings.
 */
public final class DynamoRawTables implements RawTables {
    private final DynamoDbClient dynamoDb;
    private final Map<String, String> tableNames;

    /** @param tableNames the viewer's name of each table (bots, subscribers, ...) → its DynamoDB name */
    public DynamoRawTables(DynamoDbClient dynamoDb, Map<String, String> tableNames) {
        this.dynamoDb = dynamoDb;
        this.tableNames = Map.copyOf(tableNames);
    }

    @Override
    public List<String> names() {
        return tableNames.keySet().stream().sorted().toList();
    }

    @Override
    public Page scan(String table, Optional<Map<String, String>> after, int limit) {
        ScanResponse response = dynamoDb.scan(b -> {
            b.tableName(tableNames.get(table)).limit(limit);
            after.ifPresent(key -> b.exclusiveStartKey(Attributes.toAttributes(key)));
        });
        List<Map<String, Object>> items = response.items().stream().map(DynamoRawTables::plain).toList();
        return new Page(items, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(Attributes.toStrings(response.lastEvaluatedKey())) : Optional.empty());
    }

    private static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        item.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(AttributeValue v) {
        return switch (v.type()) {
            case S -> v.s();
            case N -> new BigDecimal(v.n());
            case BOOL -> v.bool();
            case NUL -> null;
            case L -> v.l().stream().map(DynamoRawTables::plain).toList();
            case M -> plain(v.m());
            case SS -> v.ss();
            case NS -> v.ns().stream().map(BigDecimal::new).toList();
            case B -> "<" + v.b().asByteArray().length + " bytes>";
            case BS -> "<" + v.bs().size() + " binary values>";
            case UNKNOWN_TO_SDK_VERSION -> "<unknown type>";
        };
    }
}
