package io.botfleet.shared.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONParserConfiguration;

/**
 * JSON for the functions that run without Spring (the webhook, the click redirect): org.json's parser and writer
 * instead of Jackson's. Their first response is a cold start, and Jackson's streaming layer and tree nodes are a
 * hundred classes to load and verify on it (≈ 5 % of the webhook's, bench {@code coldstart}); org.json is a handful.
 * Read strictly (no comments, single quotes, unquoted names, trailing content or duplicate names), nested at most
 * {@link Json#MAX_NESTING} deep like everything else the platform reads.
 */
public final class JsonObjects {
    private static final JSONParserConfiguration STRICT = new JSONParserConfiguration().withStrictMode(true);

    private JsonObjects() {}

    /** The one JSON object {@code json} holds, or an {@link IOException} that names no part of it. */
    public static JSONObject parse(String json) throws IOException {
        if (!nestedWithin(json, Json.MAX_NESTING)) {
            throw new IOException("nested deeper than " + Json.MAX_NESTING);
        }
        try {
            return new JSONObject(json, STRICT);
        } catch (JSONException e) {
            // the parser's message quotes the input: an update's text or a secret has no place in a log line
            throw new IOException("not a JSON object");
        }
    }

    public static JSONObject parse(byte[] json) throws IOException {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    public static JSONObject parse(InputStream json) throws IOException {
        return parse(json.readAllBytes());
    }

    /**
     * Whether no array or object in {@code json} lies more than {@code max} deep. org.json's parser recurses once per
     * level and its configured depth limit does not apply to parsing, so the depth is checked before it runs.
     */
    static boolean nestedWithin(String json, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }

    /** The object under {@code name}, or an empty one when it is absent or not an object (as a path through a tree). */
    public static JSONObject object(JSONObject parent, String name) {
        JSONObject child = parent.optJSONObject(name);
        return child != null ? child : new JSONObject();
    }

    /** The string under {@code name}; absent when it is missing or of another JSON type. */
    public static Optional<String> text(JSONObject parent, String name) {
        return parent.opt(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The integer under {@code name} if it is a JSON integer within 64 bits ({@code 1.0}, {@code "1"} are not). */
    public static OptionalLong integer(JSONObject parent, String name) {
        return switch (parent.opt(name)) {
            case Integer i -> OptionalLong.of(i);
            case Long l -> OptionalLong.of(l);
            case null, default -> OptionalLong.empty();
        };
    }
}
