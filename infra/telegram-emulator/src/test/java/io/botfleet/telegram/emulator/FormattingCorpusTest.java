package io.botfleet.telegram.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's parse modes against the formatting corpus, {@code formatting-corpus.jsonl} in this module's test
 * resources: golden cases taken from the Bot API's "Formatting options", one JSON object a line with {@code id},
 * {@code mode} ({@code HTML}, {@code MarkdownV2}), {@code input}, and either {@code text} with its {@code entities}
 * (UTF-16 offsets and lengths; {@code url}, {@code language}, {@code custom_emoji_id} where the type has one) or
 * {@code error} (why Telegram refuses the input), and {@code doc}, the passage the case comes from. The platform's
 * own parsers run the same file (functions' FormattingCorpusTest), so the two implementations stay independent
 * and still cannot drift apart.
 */
class FormattingCorpusTest {
    /** Entities that cover the same text come in an order the documentation does not fix. */
    static final Comparator<JsonNode> SAME_RANGE_IN_ANY_ORDER = Comparator.<JsonNode>comparingInt(e -> e.path("offset").asInt())
            .thenComparing(e -> -e.path("length").asInt()).thenComparing(e -> e.path("type").asText());

    static Stream<Arguments> corpus() throws IOException {
        try (InputStream in = FormattingCorpusTest.class.getResourceAsStream("/formatting-corpus.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank())
                    .map(FormattingCorpusTest::read).map(c -> Arguments.of(c.path("id").asText(), c)).toList().stream();
        }
    }

    private static JsonNode read(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a corpus line: " + line, e);
        }
    }

    private static List<JsonNode> entities(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).sorted(SAME_RANGE_IN_ANY_ORDER).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesAsTheBotApiDocuments(String id, JsonNode c) {
        String input = c.path("input").asText();
        String mode = c.path("mode").asText();
        if (c.has("error")) {
            assertThatThrownBy(() -> TextFormatter.format(input, mode, null)).as(c.path("error").asText())
                    .isInstanceOf(ApiException.class).hasMessageStartingWith("Bad Request: can't parse entities: ");
            return;
        }
        FormattedText parsed = TextFormatter.format(input, mode, null);
        assertThat(parsed.text()).isEqualTo(c.path("text").asText());
        assertThat(entities(parsed.entities())).isEqualTo(entities(c.path("entities")));
    }
}
