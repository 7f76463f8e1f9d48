package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform's parsers against the formatting corpus that the Telegram emulator's tests also run (its format is
 * described there, in the emulator's FormattingCorpusTest): golden cases from the Bot API's "Formatting options".
 * The file is read by path from the emulator module's test resources, so neither module's main code depends on the
 * other and the two parsers stay independent implementations held to one set of answers. Legacy Markdown cases are
 * the emulator's alone: campaigns offer HTML and MarkdownV2.
 */
class FormattingCorpusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, ParseMode> MODES = Map.of("HTML", ParseMode.HTML, "MarkdownV2", ParseMode.MARKDOWN_V2);

    static List<Arguments> corpus() throws IOException, URISyntaxException {
        // target/test-classes → the module's folder → the emulator module beside it
        Path module = Path.of(FormattingCorpusTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().getParent();
        Path corpus = module.resolveSibling("infra/telegram-emulator/src/test/resources/formatting-corpus.jsonl");
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            JsonNode c = line.isBlank() ? null : MAPPER.readTree(line);
            if (c != null && MODES.containsKey(c.path("mode").asText())) {
                cases.add(Arguments.of(c.path("id").asText(), c));
            }
        }
        return cases;
    }

    /** Telegram's entity order leaves entities of one range in any order; compare them in a fixed one. */
    private static List<JsonNode> canonical(JsonNode entities) {
        List<JsonNode> out = new ArrayList<>();
        entities.forEach(out::add);
        out.sort(Comparator.<JsonNode>comparingInt(e -> e.path("offset").asInt()).thenComparing(e -> -e.path("length").asInt())
                .thenComparing(e -> e.path("type").asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesAsTheBotApiDocuments(String id, JsonNode c) {
        String input = c.path("input").asText();
        ParseMode mode = MODES.get(c.path("mode").asText());
        if (c.has("error")) {
            assertThatThrownBy(() -> FormattedTextParser.parse(input, mode)).as(c.path("error").asText())
                    .isInstanceOf(FormattingException.class);
            return;
        }
        ParsedText parsed = FormattedTextParser.parse(input, mode);
        assertThat(parsed.plainText()).isEqualTo(c.path("text").asText());
        assertThat(canonical(MAPPER.valueToTree(parsed.entities()))).isEqualTo(canonical(c.path("entities")));
    }
}
