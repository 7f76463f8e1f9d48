package io.botfleet.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a dead letter's body is, without its content: its size and top-level fields, with the values only of
 * identifiers and numbers (a campaign id, a batch number), the length of lists, never a text or a nested value. Queue
 * bodies can carry users' messages and chat data; the operator needs to know which campaign or bot, not what was said.
 */
public final class DeadLetterBodyJson {
    /** Field names whose short string values identify rather than say something. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?i)(.*id|batch.*|occurrence|kind|type|version)");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.:#-]{1,64}");
    private static final int MAX_FIELDS = 12;

    private DeadLetterBodyJson() {}

    public static String summary(String body) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (Exception e) {
            return "not JSON, " + bytes + " bytes";
        }
        if (tree == null || !tree.isObject()) {
            return "JSON " + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase()) + ", " + bytes + " bytes";
        }
        List<String> fields = new ArrayList<>();
        var names = tree.fieldNames();
        while (names.hasNext() && fields.size() < MAX_FIELDS) {
            String name = names.next();
            fields.add(field(name, tree.get(name)));
        }
        String more = tree.size() > MAX_FIELDS ? ", …" : "";
        return bytes + " bytes: " + String.join(", ", fields) + more;
    }

    private static String field(String name, JsonNode value) {
        String shownName = SAFE_VALUE.matcher(name).matches() ? name : "(field)";
        if (value.isNumber() || value.isBoolean() || value.isNull()) {
            return shownName + "=" + value.asText();
        }
        if (value.isArray()) {
            return shownName + "=[" + value.size() + " items]";
        }
        if (value.isObject()) {
            return shownName + "={…}";
        }
        String text = value.asText();
        return IDENTIFIER.matcher(name).matches() && SAFE_VALUE.matcher(text).matches()
                ? shownName + "=" + text : shownName + "=(text, " + text.length() + " characters)";
    }
}
