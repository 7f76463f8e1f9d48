package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    record Sample(String name, Integer count, Boolean flag, List<String> tags) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (v.required("name", name)) {
                v.text("name", name, 1, 10);
            }
            v.range("count", count, 0, 5);
            v.ids("tags", tags, 3);
        }
    }

    /** Strings deep inside a body, as in a campaign's content and audience; no checks of its own. */
    record Outer(Inner inner, List<Inner> items) {}

    record Inner(String text, List<String> tags, Instant at) {}

    static HttpRequest post(String body, String contentType) {
        return new HttpRequest("POST", "/api/x", Map.of(), Map.of(), contentType == null ? Map.of() : Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8), "1.2.3.4", "r");
    }

    static ApiException fail(String body) {
        return fail(body, "application/json");
    }

    static ApiException fail(String body, String contentType) {
        try {
            RequestBody.parse(post(body, contentType), Sample.class);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void refusesBodiesThatAreNotUtf8() {
        for (byte[] body : new byte[][] {
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}}) {
            HttpRequest request = new HttpRequest("POST", "/api/x", Map.of(), Map.of(), Map.of("content-type", "application/json"),
                    body, "1.2.3.4", "r");
            ApiException e = org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
                    () -> RequestBody.parse(request, Sample.class));
            assertThat(e.problem().code()).isEqualTo("MALFORMED_JSON");
        }
    }

    @Test
    void parsesAValidBody() {
        Sample s = RequestBody.parse(post("{\"name\":\"ok 👍\",\"count\":3,\"flag\":true,\"tags\":[\"a\"]}", "application/json; charset=UTF-8"), Sample.class);
        assertThat(s.name()).isEqualTo("ok 👍");
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void rejectsWithTheRightStatusAndField() {
        assertThat(fail("{\"name\":\"a\"}", "text/plain").problem().status()).isEqualTo(415);
        assertThat(fail("{\"name\":\"a\"}", null).problem().status()).isEqualTo(415);
        assertThat(fail("{\"name\":\"" + "a".repeat(70_000) + "\"}").problem().status()).isEqualTo(413);
        assertThat(fail("{\"name\":").problem().code()).isEqualTo("MALFORMED_JSON");
        assertThat(fail("{\"name\":\"a\"} x").problem().status()).isEqualTo(400);
        assertThat(fail("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}").problem().detail()).contains("nested");
        assertThat(fail("").problem().code()).isEqualTo("BODY_REQUIRED");
        assertThat(fail("null").problem().code()).isEqualTo("BODY_REQUIRED");
        assertThat(fail("[]").problem().status()).isEqualTo(400);
        assertThat(field(fail("{\"name\":\"a\",\"extra\":1}"))).isEqualTo("extra");
        assertThat(field(fail("{\"name\":5}"))).isEqualTo("name");
        assertThat(field(fail("{\"name\":\"a\",\"count\":\"5\"}"))).isEqualTo("count");
        assertThat(field(fail("{\"name\":\"a\",\"count\":5.5}"))).isEqualTo("count");
        assertThat(field(fail("{\"name\":\"a\",\"flag\":\"true\"}"))).isEqualTo("flag");
        assertThat(field(fail("{\"name\":\"a\",\"tags\":\"x\"}"))).isEqualTo("tags");
        assertThat(field(fail("{\"name\":\"a\",\"tags\":[\"ok\", 3]}"))).isEqualTo("tags[1]");
        assertThat(field(fail("{\"name\":\"a\",\"tags\":[\"ok\", \"not ok!\"]}"))).isEqualTo("tags[1]");
        assertThat(field(fail("{}"))).isEqualTo("name");
        assertThat(field(fail("{\"name\":\"\"}"))).isEqualTo("name");
        for (String blank : List.of("   ", "\\u00a0\\u3000", "\\u200b")) {
            ApiException e = fail("{\"name\":\"" + blank + "\"}");
            assertThat(field(e)).as(blank).isEqualTo("name");
            assertThat(e.problem().errors().get(0).code()).as(blank).isEqualTo("REQUIRED");
        }
        assertThat(field(fail("{\"name\":\"abcdefghijk\"}"))).isEqualTo("name");
        assertThat(field(fail("{\"name\":\"a\",\"count\":6}"))).isEqualTo("count");
        assertThat(fail("{\"name\":\"a\",\"name\":\"b\"}").problem().status()).isBetween(400, 422);
    }

    @Test
    void refusesTextThatCannotBeStoredOrShownSafely() {
        for (String bad : List.of("\\ud800", "a\\udc00", "a\\u0000", "\\u202Eabc", "\\u2066x", "\\uFEFFx", "\\u001b[0m")) {
            ApiException e = fail("{\"name\":\"" + bad + "\"}");
            assertThat(e.problem().status()).as(bad).isEqualTo(422);
            assertThat(e.problem().errors().get(0).code()).as(bad).isEqualTo("INVALID_CHARACTERS");
        }
        assertThat(Validation.unsafeCharacter("line\nbreak", true)).isNull();
        assertThat(Validation.unsafeCharacter("line\nbreak", false)).isNotNull();
        assertThat(Validation.unsafeCharacter("emoji 👍 and ü", false)).isNull();
    }

    @Test
    void everyStringOfEveryBodyIsCheckedWhereverItIsNested() {
        Map<String, String> bad = Map.of(
                "{\"inner\":{\"text\":\"\\ud800\"}}", "inner.text",
                "{\"inner\":{\"text\":\"x\\udc00y\"}}", "inner.text",
                "{\"items\":[{\"text\":\"ok\"},{\"tags\":[\"ok\",\"bell\\u0007\"]}]}", "items[1].tags[1]",
                "{\"items\":[{\"text\":\"nul\\u0000\"}]}", "items[0].text",
                "{\"inner\":{\"tags\":[\"\\u001f\"]}}", "inner.tags[0]");
        bad.forEach((body, field) -> {
            ApiException e = catchThrowableOfType(ApiException.class, () -> RequestBody.parse(post(body, "application/json"), Outer.class));
            assertThat(e).as(body).isNotNull();
            assertThat(e.problem().status()).as(body).isEqualTo(422);
            assertThat(e.problem().errors().get(0).field()).as(body).isEqualTo(field);
            assertThat(e.problem().errors().get(0).code()).as(body).isEqualTo("INVALID_CHARACTERS");
        });
        Outer fine = RequestBody.parse(post("{\"inner\":{\"text\":\"two\\nlines,\\ta tab, \\ud83d\\udc4d\"}}", "application/json"), Outer.class);
        assertThat(fine.inner().text()).isEqualTo("two\nlines,\ta tab, 👍");
    }

    @Test
    void instantsAreIsoStringsNeverNumbers() {
        for (String at : List.of("123", "1.5e9", "true", "[2026]")) {
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> RequestBody.parse(post("{\"inner\":{\"at\":" + at + "}}", "application/json"), Outer.class));
            assertThat(e).as(at).isNotNull();
            assertThat(e.problem().status()).as(at).isEqualTo(422);
            assertThat(e.problem().errors().get(0).field()).as(at).isEqualTo("inner.at");
        }
        assertThat(RequestBody.parse(post("{\"inner\":{\"at\":\"2026-01-31T12:00:00Z\"}}", "application/json"), Outer.class)
                .inner().at()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
    }

    @Test
    void anEmptyBodyIsFineWhereTheBodyIsOptional() {
        assertThat(RequestBody.parseOptional(post("", null), Sample.class)).isEmpty();
        assertThatThrownBy(() -> RequestBody.parseOptional(post("{", "application/json"), Sample.class)).isInstanceOf(ApiException.class);
    }

    static String field(ApiException e) {
        assertThat(e.problem().status()).as(e.problem().toString()).isEqualTo(422);
        return e.problem().errors().get(0).field();
    }
}
