package io.botfleet.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a JSON request body into a record at the edge, strictly: JSON content type (415), at most {@link #MAX_BYTES}
 * (413), well-formed (400), no unknown or duplicate fields, no type coercion ({@code "5"} is not a number, {@code 5}
 * is not a string, instants only as ISO-8601 strings) and nesting within {@link Json#MAX_NESTING} (422/400), no string
 * anywhere with characters no field accepts (422 INVALID_CHARACTERS), then the record's own checks
 * ({@link Validation.Validatable}). Every failure is a problem response naming the field.
 *
 * <pre>{@code
 * record CreateBot(String token, String displayName) implements Validation.Validatable { ... }
 * CreateBot body = RequestBody.parse(request, CreateBot.class);
 * }</pre>
 */
public final class RequestBody {
    public static final int MAX_BYTES = 64 * 1024;

    /** Json.MAPPER's settings, plus no scalar coercion, no trailing tokens and duplicate-key detection. */
    static final ObjectMapper STRICT = strictMapper();

    private RequestBody() {}

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = ((JsonMapper) Json.MAPPER).rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING).maxStringLength(MAX_BYTES).maxNumberLength(100).build());
        for (LogicalType type : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Collection, LogicalType.Array, LogicalType.POJO, LogicalType.Map, LogicalType.Enum)) {
            var config = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        }
        // the shapes each type is written in stay allowed
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.registerModule(new SimpleModule("request-edge")
                .addDeserializer(String.class, new CheckedString())
                .addDeserializer(Instant.class, new IsoInstant()));
        return mapper;
    }

    /**
     * Every string of every body passes here on its way to becoming a domain value, so text that cannot be stored or
     * sent (see {@link Validation#brokenCharacter}) is refused once, for every field, naming the field.
     */
    static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String broken = value == null ? null : Validation.brokenCharacter(value);
            if (broken != null) {
                throw new BrokenText(p, broken);
            }
            return value;
        }
    }

    /** A string field with characters no field accepts; Jackson adds the field's path on its way out. */
    static final class BrokenText extends JsonMappingException {
        BrokenText(JsonParser p, String message) {
            super(p, message);
        }
    }

    /**
     * Instants only as ISO-8601 strings: Jackson's own reader takes a number as seconds since 1970, so a client's
     * {@code 123} would silently become a date.
     */
    static final class IsoInstant extends StdScalarDeserializer<Instant> {
        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    /** The body as {@code type}; a missing body is a 400. */
    public static <T> T parse(HttpRequest request, Class<T> type) {
        return parseOptional(request, type).orElseThrow(() ->
                ApiException.badRequest("BODY_REQUIRED", "This request needs a JSON body"));
    }

    /** The body as {@code type}, or empty if the request has no body. */
    public static <T> Optional<T> parseOptional(HttpRequest request, Class<T> type) {
        if (!checkEnvelope(request)) {
            return Optional.empty();
        }
        T value;
        try {
            value = STRICT.readValue(request.body(), type);
        } catch (IOException e) {
            throw translate(e);
        }
        if (value == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "This request needs a JSON object, not null");
        }
        if (value instanceof Validation.Validatable validatable) {
            Validation v = new Validation();
            validatable.validate(v);
            v.throwIfInvalid();
        }
        return Optional.of(value);
    }

    /**
     * The checks every request body gets at the edge, whatever route it goes to: size, content type, well-formed
     * JSON within the nesting limit. @return true if there is a body
     */
    public static boolean checkEnvelope(HttpRequest request) {
        byte[] body = request.body();
        if (body.length > MAX_BYTES) {
            throw new ApiException(Problem.of(413, "BODY_TOO_LARGE", "Content too large",
                    "Request bodies are limited to " + MAX_BYTES + " bytes"));
        }
        if (body.length == 0) {
            return false;
        }
        String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT).trim();
        String mediaType = contentType.split(";", 2)[0].trim();
        boolean json = mediaType.equals("application/json");
        boolean charsetOk = !contentType.contains("charset=") || contentType.matches(".*charset=\"?utf-8\"?.*");
        if (!json || !charsetOk) {
            throw new ApiException(Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "Send request bodies as application/json (UTF-8)"));
        }
        try {
            // Jackson tolerates overlong forms and encoded surrogates; the JDK's decoder does not
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("MALFORMED_JSON", "The body is not valid UTF-8");
        }
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || node.isMissingNode()) {
                return false;
            }
        } catch (IOException e) {
            throw translate(e);
        }
        return true;
    }

    static ApiException translate(IOException e) {
        if (e instanceof BrokenText b) {
            return ApiException.validation(List.of(new Problem.FieldError(path(b), "INVALID_CHARACTERS", b.getOriginalMessage())));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return ApiException.validation(List.of(new Problem.FieldError(path(u), "UNKNOWN_FIELD",
                    "is not a field of this request")));
        }
        if (e instanceof ValueInstantiationException v) {
            return ApiException.validation(List.of(new Problem.FieldError(path(v), "INVALID", "is not valid")));
        }
        if (e instanceof InvalidFormatException f) {
            return ApiException.validation(List.of(new Problem.FieldError(path(f), "WRONG_TYPE",
                    "must be " + describe(f.getTargetType()))));
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            if (field.isEmpty()) {
                return ApiException.badRequest("INVALID_BODY", "The body must be a JSON object");
            }
            return ApiException.validation(List.of(new Problem.FieldError(field, "WRONG_TYPE",
                    "must be " + describe(m.getTargetType()))));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return ApiException.validation(List.of(new Problem.FieldError(path(m), "INVALID", "is not valid")));
        }
        String detail = e instanceof JsonProcessingException p && p.getOriginalMessage() != null
                && p.getOriginalMessage().contains("nesting depth")
                ? "The JSON is nested more than " + Json.MAX_NESTING + " levels deep"
                : "The body is not well-formed JSON";
        return ApiException.badRequest("MALFORMED_JSON", detail);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant";
        }
        return "an object";
    }
}
