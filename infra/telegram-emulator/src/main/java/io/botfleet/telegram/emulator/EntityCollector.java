package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects entities while a parser writes plain text, and hands them out in Telegram's order. */
final class EntityCollector {

    private final List<ObjectNode> entities = new ArrayList<>();

    /** Adds an entity and returns it for extra fields (url, language, ...); empty entities are dropped, as Telegram does. */
    ObjectNode add(String type, int start, int end) {
        ObjectNode entity = Json.object().put("type", type).put("offset", start).put("length", end - start);
        if (end > start) {
            entities.add(entity);
        }
        return entity;
    }

    FormattedText finish(CharSequence text) {
        entities.sort(Comparator.<ObjectNode>comparingInt(e -> e.get("offset").intValue())
                .thenComparing(e -> -e.get("length").intValue()));
        ArrayNode array = Json.array();
        entities.forEach(array::add);
        return new FormattedText(text.toString(), array);
    }

    static ApiException cantParse(String detail) {
        return ApiException.badRequest("can't parse entities: " + detail);
    }

    /** Telegram reports parse errors at UTF-8 byte offsets of the source text. */
    static int byteOffset(String source, int charIndex) {
        return source.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }
}
