package io.botfleet.shared.paging;

import com.fasterxml.jackson.core.type.TypeReference;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.secrets.PlatformKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Opaque list cursors: base64url(JSON of the last key) + "." + a 128-bit HMAC over the scope (table, index,
 * partition) and the key, so a client can neither forge a key nor replay a cursor against another partition.
 */
public final class CursorCodec {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final Supplier<byte[]> key;

    public CursorCodec(Supplier<byte[]> key) {
        this.key = key;
    }

    public String encode(Map<String, String> lastKey, String scope) {
        byte[] json = Json.writeBytes(new TreeMap<>(lastKey));
        return B64.encodeToString(json) + "." + B64.encodeToString(mac(scope, json));
    }

    public Optional<Map<String, String>> decode(Optional<String> cursor, String scope) {
        if (cursor.isEmpty() || cursor.get().isBlank()) {
            return Optional.empty();
        }
        String c = cursor.get();
        int dot = c.indexOf('.');
        try {
            if (dot <= 0) {
                throw new IllegalArgumentException();
            }
            byte[] json = Base64.getUrlDecoder().decode(c.substring(0, dot));
            byte[] presented = Base64.getUrlDecoder().decode(c.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(scope, json), presented)) {
                throw new IllegalArgumentException();
            }
            return Optional.of(Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (Exception e) {
            throw ApiException.badRequest("INVALID_CURSOR", "The cursor is not one this listing returned");
        }
    }

    private byte[] mac(String scope, byte[] json) {
        byte[] scopeBytes = (scope + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOf(scopeBytes, scopeBytes.length + json.length);
        System.arraycopy(json, 0, data, scopeBytes.length, json.length);
        return Arrays.copyOf(PlatformKeys.hmac(key.get(), data), 16);
    }
}
