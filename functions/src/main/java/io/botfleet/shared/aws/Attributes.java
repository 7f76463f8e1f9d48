package io.botfleet.shared.aws;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writing and reading DynamoDB attributes, items and keys: the small conversions every adapter needs, in one place. */
public final class Attributes {
    private Attributes() {}

    /** A string attribute; {@code null} is stored as "" (DynamoDB refuses a null string). */
    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The {@code pk}/{@code sk} key of the tables that hold several kinds of item (all but subscribers). */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", s(pk));
        key.put("sk", s(sk));
        return key;
    }

    /** A set of strings as a sorted list attribute (a string set cannot be empty). */
    public static AttributeValue stringList(Collection<String> values) {
        return AttributeValue.fromL(values.stream().sorted().map(Attributes::s).toList());
    }

    /** A list attribute of strings, empty when absent. */
    public static Set<String> strings(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        value.l().forEach(v -> out.add(v.s()));
        return out;
    }

    /** An ISO-8601 instant, or {@code null} when absent or empty. */
    public static Instant instant(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : Instant.parse(value.s());
    }

    /** A string attribute's value, or "" when absent. */
    public static String text(AttributeValue value) {
        return value == null || value.s() == null ? "" : value.s();
    }

    /** A key of string attributes as plain strings (for cursors). */
    public static Map<String, String> toStrings(Map<String, AttributeValue> key) {
        Map<String, String> out = new HashMap<>();
        key.forEach((k, v) -> out.put(k, v.s()));
        return out;
    }

    public static Map<String, AttributeValue> toAttributes(Map<String, String> key) {
        Map<String, AttributeValue> out = new HashMap<>();
        key.forEach((k, v) -> out.put(k, s(v)));
        return out;
    }

    /** A string attribute, or "" when absent. */
    public static String str(Map<String, AttributeValue> item, String name) {
        return text(item.get(name));
    }

    /** A number attribute, or 0 when absent. */
    public static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
