package io.botfleet.local;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it for billing — the sum of its attribute names' and values' UTF-8 lengths
 * (numbers: about one byte per two digits plus one; a map or list: 3 bytes plus its elements, each 1 byte more) —
 * and the on-demand write units of putting it: one per started KB.
 */
public final class DynamoItemSize {
    private DynamoItemSize() {}

    public static long writeUnits(Map<String, AttributeValue> item) {
        return Math.max(1, (size(item) + 1023) / 1024);
    }

    public static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var e : item.entrySet()) {
            bytes += utf8(e.getKey()) + value(e.getValue());
        }
        return bytes;
    }

    private static long value(AttributeValue v) {
        return switch (v.type()) {
            case S -> utf8(v.s());
            case N -> (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
            case B -> v.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case M -> 3 + v.m().entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue()) + 1).sum();
            case L -> 3 + v.l().stream().mapToLong(e -> value(e) + 1).sum();
            case SS -> v.ss().stream().mapToLong(DynamoItemSize::utf8).sum();
            case NS -> v.ns().stream().mapToLong(n -> (n.length() + 1) / 2 + 1).sum();
            case BS -> v.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            default -> 0;
        };
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
