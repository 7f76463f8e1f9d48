package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one shared Jackson mapper and the conversions the emulator needs from it. */
final class Json {

    /**
     * Buffers recycled through a pool of the emulator's own: Jackson's default pool is per thread, and every request
     * runs on a new virtual thread, so each parse and write allocated fresh 8-16 KB buffers (a third of the
     * emulator's allocations under a broadcast's load).
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    /** JSON already serialized, as a node that writes it out as it is. */
    static JsonNode raw(byte[] serialized) {
        return MAPPER.getNodeFactory().rawValueNode(new RawValue(new String(serialized, StandardCharsets.UTF_8)));
    }

    static List<Map<String, Object>> toList(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            maps.add(element.isObject() ? toMap(element) : null);
        }
        return Collections.unmodifiableList(maps);
    }

    static Map<String, Object> toMap(JsonNode object) {
        if (object == null || !object.isObject()) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(field -> map.put(field.getKey(), plain(field.getValue())));
        return map;
    }

    /**
     * A JSON value as plain Java values, as Jackson's untyped mapping gives them (objects as {@link LinkedHashMap},
     * arrays as {@link ArrayList}, integers as the smallest of Integer/Long/BigInteger that holds them): done by
     * hand because {@code convertValue} serializes and parses again, on every message sent.
     */
    private static Object plain(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> toMap(value);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(value.size());
                value.forEach(element -> list.add(plain(element)));
                yield list;
            }
            case STRING -> value.textValue();
            case BOOLEAN -> value.booleanValue();
            case NUMBER -> value.isIntegralNumber() ? integral(value) : (Object) value.doubleValue();
            default -> null;
        };
    }

    private static Object integral(JsonNode number) {
        if (number.canConvertToInt()) {
            return number.intValue();
        }
        return number.canConvertToLong() ? (Object) number.longValue() : number.bigIntegerValue();
    }
}
