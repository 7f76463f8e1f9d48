package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lengths and verdicts of HTML texts as the validator counts them. The dashboard's composer reads the same file
 * (web/src/telegram/lengthCases.test.ts), so the counter a user watches and the API's 422 agree on every case. A
 * case is {"id", "html", "repeat"?: {"unit", "times"} replacing "{repeat}" in html, "media": caption or text,
 * "length": UTF-16 units after parsing (null when the markup does not parse), "code": the violation on content.text
 * or null}.
 */
class ContentLengthCasesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = ContentLengthCasesTest.class.getResourceAsStream("/content/length-cases.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode c = MAPPER.readTree(line);
                    out.add(Arguments.of(c.path("id").asText(), c));
                }
            }
        }
        return out;
    }

    private static String html(JsonNode c) {
        JsonNode repeat = c.path("repeat");
        String unit = repeat.path("unit").asText();
        return c.path("html").asText().replace("{repeat}", unit.repeat(repeat.path("times").asInt()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsAndJudgesAsTheDashboardDoes(String id, JsonNode c) {
        String html = html(c);
        Media media = c.path("media").asBoolean() ? new Media(MediaKind.PHOTO, "https://example.com/a.jpg", null, null) : null;
        MessageContent content = new MessageContent(html, ParseMode.HTML, List.of(), media, List.of(), false, false);

        List<String> codes = ContentValidator.validate(content, "content").stream()
                .filter(v -> v.field().equals("content.text")).map(Violation::code).toList();
        if (c.path("code").isNull()) {
            assertThat(codes).isEmpty();
        } else {
            assertThat(codes).containsExactly(c.path("code").asText());
        }
        if (!c.path("length").isNull()) {
            assertThat(FormattedTextParser.parse(html, ParseMode.HTML).length()).isEqualTo(c.path("length").asInt());
        }
    }
}
