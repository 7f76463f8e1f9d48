package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The OpenAPI document as tests read it: which operations exist and what each may answer. */
public final class OpenApiContract {
    public static final OpenApiContract DOCUMENT = new OpenApiContract(OpenApiRoutes.document());

    private final JsonNode root;

    private OpenApiContract(byte[] document) {
        try {
            root = Json.MAPPER.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** Every documented operation as "METHOD /path/{template}". */
    public List<String> operations() {
        List<String> out = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "patch", "delete").contains(method)) {
                out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return out;
    }

    public Optional<JsonNode> operation(String method, String template) {
        JsonNode op = root.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        return op.isMissingNode() ? Optional.empty() : Optional.of(op);
    }

    /** The request body schema (resolved), if the operation takes a body. */
    public Optional<JsonNode> requestSchema(String method, String template) {
        return operation(method, template).map(op -> op.path("requestBody").path("content").path("application/json").path("schema"))
                .filter(s -> !s.isMissingNode()).map(this::resolve);
    }

    public JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.asText().substring("#/components/schemas/".length());
        return resolve(root.path("components").path("schemas").path(name));
    }

    /** Asserts that the response is one the document promises for this operation. */
    public void assertConforms(String method, String template, HttpResponse response) {
        JsonNode op = operation(method, template).orElseThrow(() ->
                new AssertionError("undocumented operation " + method + " " + template));
        JsonNode responses = op.path("responses");
        String status = Integer.toString(response.status());
        JsonNode documented = responses.get(status);
        if (documented == null) {
            documented = responses.get(status.charAt(0) + "XX");
        }
        if (documented == null) {
            documented = responses.get("default");
        }
        assertThat(documented).as("%s %s answered %s (%s), which openapi.json does not document", method, template,
                status, response.bodyText()).isNotNull();
        String contentType = response.headers().getOrDefault("content-type", "");
        if (response.status() >= 400) {
            assertThat(contentType).as("%s %s %s content type", method, template, status).startsWith("application/problem+json");
            return;
        }
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(response.body()).as("%s %s %s has no documented body", method, template, status).isEmpty();
            return;
        }
        String mediaType = contentType.split(";")[0].trim();
        assertThat(content.has(mediaType)).as("%s %s %s content type %s documented", method, template, status, mediaType).isTrue();
        if (mediaType.equals("application/json")) {
            JsonNode schema = resolve(content.path(mediaType).path("schema"));
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("response is not JSON", e);
            }
            checkRequired(schema, body, method + " " + template);
        }
    }

    private void checkRequired(JsonNode schema, JsonNode body, String where) {
        if (schema.has("required")) {
            for (JsonNode r : schema.get("required")) {
                assertThat(body.has(r.asText())).as("%s response lacks required field %s: %s", where, r.asText(), body).isTrue();
            }
        }
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            var p = it.next();
            JsonNode value = body.get(p.getKey());
            if (value != null && value.isObject()) {
                checkRequired(resolve(p.getValue()), value, where + "." + p.getKey());
            }
        }
    }
}
