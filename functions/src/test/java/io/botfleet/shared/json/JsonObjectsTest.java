package io.botfleet.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The webhook's and the redirect's JSON: exactly one strict object, read with the platform's limits. */
class JsonObjectsTest {

    @Test
    void readsOneObjectFromTextBytesOrAStream() throws IOException {
        String json = " {\"a\":{\"b\":[1,\"x\",true,null]},\"s\":\"caf\\u00e9\"} ";
        JSONObject read = JsonObjects.parse(json);

        assertThat(read.getJSONObject("a").getJSONArray("b").length()).isEqualTo(4);
        assertThat(JsonObjects.text(read, "s")).contains("café");
        assertThat(JsonObjects.parse(json.getBytes(StandardCharsets.UTF_8)).similar(read)).isTrue();
        assertThat(JsonObjects.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).similar(read)).isTrue();
    }

    @Test
    void refusesAnythingButExactlyOneStrictObjectWithoutQuotingIt() {
        for (String bad : new String[] {"", "{} {}", "{\"a\":", "not json", "[1]", "\"s\"", "{a:1}", "{'a':1}", "{\"a\":1,}",
                "{\"a\":1,\"a\":2}", "{\"secret-value\":1} trailing"}) {
            assertThatThrownBy(() -> JsonObjects.parse(bad)).as(bad).isInstanceOf(IOException.class)
                    .hasMessage("not a JSON object");
        }
    }

    @Test
    void keepsThePlatformsNestingLimit() throws IOException {
        String deepest = "{\"a\":".repeat(Json.MAX_NESTING - 1) + "{}" + "}".repeat(Json.MAX_NESTING - 1);
        assertThat(JsonObjects.parse(deepest).has("a")).isTrue();
        String tooDeep = "{\"a\":".repeat(Json.MAX_NESTING) + "[]" + "}".repeat(Json.MAX_NESTING);
        assertThatThrownBy(() -> JsonObjects.parse(tooDeep)).isInstanceOf(IOException.class);
        // brackets inside strings, escaped quotes included, are text, not nesting
        String quoted = "{\"a\":\"" + "[{\\\"".repeat(100) + "\"}";
        assertThat(JsonObjects.text(JsonObjects.parse(quoted), "a")).isPresent();
        String hostile = "[".repeat(100_000);
        assertThatThrownBy(() -> JsonObjects.parse("{\"a\":" + hostile)).isInstanceOf(IOException.class);
    }

    @Test
    void anIntegerIsAJsonIntegerWithin64Bits() throws IOException {
        JSONObject o = JsonObjects.parse("{\"small\":7,\"big\":-1001234567890,\"float\":1.0,\"exp\":1e30,"
                + "\"huge\":123456789012345678901234,\"text\":\"1\",\"null\":null}");

        assertThat(JsonObjects.integer(o, "small")).hasValue(7);
        assertThat(JsonObjects.integer(o, "big")).hasValue(-1001234567890L);
        for (String notOne : new String[] {"float", "exp", "huge", "text", "null", "missing"}) {
            assertThat(JsonObjects.integer(o, notOne)).as(notOne).isEmpty();
        }
    }

    @Test
    void pathsThroughMissingOrMistypedFieldsEndEmpty() throws IOException {
        JSONObject o = JsonObjects.parse("{\"n\":5,\"o\":{\"t\":\"x\"}}");

        assertThat(JsonObjects.text(JsonObjects.object(o, "o"), "t")).contains("x");
        assertThat(JsonObjects.object(o, "n").isEmpty()).isTrue();
        assertThat(JsonObjects.object(o, "missing").isEmpty()).isTrue();
        assertThat(JsonObjects.text(o, "n")).isEmpty();
    }
}
