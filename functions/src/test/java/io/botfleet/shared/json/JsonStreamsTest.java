package io.botfleet.shared.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonStreamsTest {

    @Test
    void readsTheSameTreeAsTheObjectMapper() throws IOException {
        String json = "{\"a\":1,\"b\":[true,false,null,\"x\"],\"c\":{\"d\":2.5,\"e\":12345678901,"
                + "\"f\":123456789012345678901234567890,\"g\":-7},\"h\":\"\\u00e9\\ud83d\\ude00\"}";
        JsonNode streamed = JsonStreams.readTree(json);
        assertThat(streamed).isEqualTo(Json.MAPPER.readTree(json));
        assertThat(streamed.path("c").path("e").isLong()).isTrue();
        assertThat(streamed.path("c").path("f").isBigInteger()).isTrue();
        assertThat(JsonStreams.readTree(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(streamed);
    }

    @Test
    void refusesWhatIsNotExactlyOneJsonValue() {
        assertThatThrownBy(() -> JsonStreams.readTree("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonStreams.readTree("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonStreams.readTree("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> JsonStreams.readTree("not json")).isInstanceOf(IOException.class);
    }

    @Test
    void keepsThePlatformsNestingLimit() throws IOException {
        String deepest = "[".repeat(Json.MAX_NESTING) + "]".repeat(Json.MAX_NESTING);
        assertThat(JsonStreams.readTree(deepest).isArray()).isTrue();
        String tooDeep = "[".repeat(Json.MAX_NESTING + 1) + "]".repeat(Json.MAX_NESTING + 1);
        assertThatThrownBy(() -> JsonStreams.readTree(tooDeep)).isInstanceOf(IOException.class)
                .hasMessageContaining("nesting");
    }

    @Test
    void writesWhatTheWriterWrites() {
        String written = JsonStreams.write(json -> {
            json.writeStartObject();
            json.writeStringField("text", "a \"quoted\" line\nand more");
            json.writeNumberField("n", 5);
            json.writeEndObject();
        });
        assertThat(written).isEqualTo("{\"text\":\"a \\\"quoted\\\" line\\nand more\",\"n\":5}");
    }
}
