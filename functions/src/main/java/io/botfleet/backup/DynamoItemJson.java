package io.botfleet.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One row of an export: {@code {"Item":{"pk":{"S":"BOT#1"},"version":{"N":"3"},...}}}, the DynamoDB JSON that DynamoDB's
 * own export to S3 writes, so every attribute keeps its type exactly (numbers as their decimal text, sets as sets,
 * binaries base64). Attributes are written sorted by name, so the same item is always the same line.
 */
public final class DynamoItemJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoItemJson() {}

    public static String write(Map<String, AttributeValue> item) {
        ObjectNode line = NODES.objectNode();
        line.set("Item", map(item));
        return line.toString();
    }

    /** The item of one line; {@link IllegalArgumentException} naming what is wrong with it. */
    public static Map<String, AttributeValue> read(String line) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.path("Item").isObject() || root.size() != 1) {
            throw new IllegalArgumentException("not {\"Item\":{...}}");
        }
        return item(root.get("Item"), "Item");
    }

    private static ObjectNode map(Map<String, AttributeValue> item) {
        ObjectNode out = NODES.objectNode();
        new TreeMap<>(item).forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode out = NODES.objectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case SS -> out.set("SS", strings(v.ss()));
            case NS -> out.set("NS", strings(v.ns()));
            case BS -> out.set("BS", strings(v.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).toList()));
            case L -> {
                ArrayNode list = out.putArray("L");
                v.l().forEach(e -> list.add(value(e)));
            }
            case M -> out.set("M", map(v.m()));
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("an attribute of a type this SDK does not know");
        }
        return out;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode out = NODES.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static Map<String, AttributeValue> item(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not an object");
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.put(field.getKey(), attribute(field.getValue(), where + "." + field.getKey()));
        }
        return out;
    }

    private static AttributeValue attribute(JsonNode node, String where) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(where + " is not one typed value");
        }
        String type = node.fieldNames().next();
        JsonNode v = node.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(text(v, where));
            case "N" -> AttributeValue.fromN(number(text(v, where), where));
            case "BOOL" -> {
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException(where + " is not a boolean");
                }
                yield AttributeValue.fromBool(v.booleanValue());
            }
            case "NULL" -> AttributeValue.fromNul(true);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(base64(text(v, where), where)));
            case "SS" -> AttributeValue.fromSs(texts(v, where));
            case "NS" -> AttributeValue.fromNs(texts(v, where).stream().map(n -> number(n, where)).toList());
            case "BS" -> AttributeValue.fromBs(texts(v, where).stream().map(b -> SdkBytes.fromByteArray(base64(b, where))).toList());
            case "L" -> {
                if (!v.isArray()) {
                    throw new IllegalArgumentException(where + " is not a list");
                }
                List<AttributeValue> list = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    list.add(attribute(v.get(i), where + "[" + i + "]"));
                }
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(item(v, where));
            default -> throw new IllegalArgumentException(where + " has the unknown type " + type);
        };
    }

    private static String text(JsonNode v, String where) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + " is not a string");
        }
        return v.textValue();
    }

    private static List<String> texts(JsonNode v, String where) {
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException(where + " is not a non-empty set");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(text(e, where)));
        return out;
    }

    private static String number(String n, String where) {
        try {
            new java.math.BigDecimal(n);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is not a number");
        }
    }

    private static byte[] base64(String b, String where) {
        try {
            return Base64.getDecoder().decode(b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not base64");
        }
    }
}
