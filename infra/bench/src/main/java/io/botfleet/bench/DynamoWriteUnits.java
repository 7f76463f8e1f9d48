package io.botfleet.bench;

import java.nio.charset.StandardCharsets;
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
        long bytes = 0;
        for (var e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return Math.max(1, (bytes + 1023) / 1024);
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return (v.n().length() + 1) / 2 + 1;
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) return 1;
        if (v.hasL()) return 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
        if (v.hasM()) return 3 + v.m().entrySet().stream().mapToLong(x -> 1 + x.getKey().length() + size(x.getValue())).sum();
        if (v.hasSs()) return v.ss().stream().mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        if (v.hasNs()) return v.ns().stream().mapToLong(x -> (x.length() + 1) / 2 + 1).sum();
        if (v.b() != null) return v.b().asByteArray().length;
        return 1;
    }
}
