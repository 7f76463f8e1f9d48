package io.botfleet.telegram.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads Bot API parameters from the query string and a JSON, urlencoded or multipart body, as Telegram accepts. */
final class ApiRequestReader {

    private ApiRequestReader() {
    }

    static ApiParams read(HttpCall call) {
        ObjectNode values = Json.object();
        Map<String, UploadedFile> files = new HashMap<>();
        addUrlEncoded(values, call.rawQuery());
        byte[] body = call.body();
        if (body.length > 0) {
            String contentType = call.header("Content-Type");
            String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (type.startsWith("application/json")) {
                JsonNode json = Json.parse(body);
                if (json == null || !json.isObject()) {
                    throw ApiException.badRequest("can't parse JSON object");
                }
                values.setAll((ObjectNode) json);
            } else if (type.startsWith("multipart/form-data")) {
                for (MultipartParser.Part part : MultipartParser.parse(body, MultipartParser.boundary(contentType))) {
                    if (part.isFile()) {
                        files.put(part.name(), new UploadedFile(part.fileName(), part.contentType(), part.content()));
                    } else {
                        values.put(part.name(), part.text());
                    }
                }
            } else {
                addUrlEncoded(values, new String(body, StandardCharsets.UTF_8));
            }
        }
        return new ApiParams(values, files);
    }

    private static void addUrlEncoded(ObjectNode values, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.put(name, value);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
