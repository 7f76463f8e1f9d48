package io.botfleet.shared.aws;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading DynamoDB items and keys: the small conversions every store needs, in one place. */
public final class Attributes {
    private Attributes() {}

    /** A key of string attributes as plain strings (for cursors). */
    public static Map<String, String> toStrings(Map<String, AttributeValue> key) {
        Map<String, String> out = new HashMap<>();
        key.forEach((k, v) -> out.put(k, v.s()));
        return out;
    }

    public static Map<String, AttributeValue> toAttributes(Map<String, String> key) {
        Map<String, AttributeValue> out = new HashMap<>();
        key.forEach((k, v) -> out.put(k, AttributeValue.fromS(v)));
        return out;
    }

    /** A string attribute, or "" when absent. */
    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.s() == null ? "" : v.s();
    }

    /** A number attribute, or 0 when absent. */
    public static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
