package io.botfleet.bench;

import io.botfleet.local.DynamoItemSize;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

/**
 * On-demand write request units of a DynamoDB write, from the item's size as DynamoDB counts it (attribute names
 * plus values; 1 KB per unit, doubled in transactions). Updates and deletes of the small items this platform updates
 * in place (counters, statuses) count one unit each.
 */
final class DynamoWriteUnits {
    private DynamoWriteUnits() {}

    static long of(SdkRequest request) {
        return switch (request) {
            case PutItemRequest p -> units(p.item());
            case UpdateItemRequest u -> 1;
            case DeleteItemRequest d -> 1;
            case BatchWriteItemRequest b -> b.requestItems().values().stream().flatMap(java.util.List::stream)
                    .mapToLong(w -> w.putRequest() != null ? units(w.putRequest().item()) : 1).sum();
            case TransactWriteItemsRequest t -> 2 * t.transactItems().stream()
                    .mapToLong(i -> i.put() != null ? units(i.put().item()) : 1).sum();
            default -> 0;
        };
    }

    /** Items a write request writes: one per put, update or delete, including each of a transaction or batch. */
    static long items(SdkRequest request) {
        return switch (request) {
            case PutItemRequest p -> 1;
            case UpdateItemRequest u -> 1;
            case DeleteItemRequest d -> 1;
            case BatchWriteItemRequest b -> b.requestItems().values().stream().mapToLong(java.util.List::size).sum();
            case TransactWriteItemsRequest t -> t.transactItems().stream().filter(i -> i.conditionCheck() == null).count();
            default -> 0;
        };
    }

    private static long units(Map<String, AttributeValue> item) {
        return DynamoItemSize.writeUnits(item);
    }
}
