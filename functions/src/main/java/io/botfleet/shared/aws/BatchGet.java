package io.botfleet.shared.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many items of one table by key: {@code BatchGetItem} in requests of 100 keys (DynamoDB's limit), asking again
 * for the keys it left unprocessed (throttling) a bounded number of times. Items come back in no particular order;
 * keys without an item are simply absent.
 */
public final class BatchGet {
    static final int KEYS_PER_REQUEST = 100;
    static final int ATTEMPTS = 5;

    private BatchGet() {}

    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, String table,
                                                          List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_REQUEST) {
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_REQUEST))).consistentRead(consistent).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB kept leaving reads of " + table + " unprocessed");
                }
                Map<String, KeysAndAttributes> request = pending;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(request));
                found.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.unprocessedKeys();
            }
        }
        return found;
    }
}
