package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TelegramTextTest {

    @Test
    void loneSurrogatesAreReplacedAndPairsKept() {
        assertThat(TelegramText.clean("a\ud800", 10)).isEqualTo("a\uFFFD");
        assertThat(TelegramText.clean("\udc00\ud800x", 10)).isEqualTo("\uFFFD\uFFFDx");
        assertThat(TelegramText.clean("😀\ud83d", 10)).isEqualTo("😀\uFFFD");
        String cleaned = TelegramText.clean("\ud800\udfff\udbff", 10);
        assertThat(new String(cleaned.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(cleaned);
    }

    @Test
    void controlCharactersOtherThanNewlineAndTabAreDropped() {
        assertThat(TelegramText.clean("a\u0000b\u0007c\r\n\td\u007f\u009f", 20)).isEqualTo("abc\n\td");
    }

    @Test
    void lengthIsBoundedWithoutSplittingAPair() {
        assertThat(TelegramText.clean("abcdef", 3)).isEqualTo("abc");
        assertThat(TelegramText.clean("ab😀", 3)).isEqualTo("ab");
        assertThat(TelegramText.clean("ab😀", 4)).isEqualTo("ab😀");
        assertThat(TelegramText.clean(null, 3)).isEmpty();
    }
}
