package io.botfleet.broadcast.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentValidatorKeyboardTest {

    private static List<Violation> validate(List<List<InlineButton>> keyboard) {
        return ContentValidator.validate(new MessageContent("hi", ParseMode.NONE, List.of(), null, keyboard, false, false), "content");
    }

    private static List<Violation> validateButton(InlineButton button) {
        return validate(List.of(List.of(InlineButton.callback("ok", "ok")), List.of(button)));
    }

    private static List<InlineButton> row(int size) {
        return IntStream.range(0, size).mapToObj(i -> InlineButton.callback("b" + i, "d" + i)).toList();
    }

    @Test
    void rowHoldsAtMostEightButtons() {
        assertThat(validate(List.of(row(8)))).isEmpty();
        assertThat(validate(List.of(row(1), row(9))))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1]", "KEYBOARD_ROW_TOO_LONG"));
    }

    @Test
    void keyboardHoldsAtMostOneHundredButtons() {
        List<List<InlineButton>> hundred = new ArrayList<>(Collections.nCopies(12, row(8)));
        hundred.add(row(4));
        assertThat(validate(hundred)).isEmpty();

        List<List<InlineButton>> hundredOne = new ArrayList<>(hundred);
        hundredOne.add(row(1));
        assertThat(validate(hundredOne))
                .containsExactly(new Violation("content.keyboard", "KEYBOARD_TOO_MANY_BUTTONS",
                        "a keyboard holds at most 100 buttons, this one has 101"));
    }

    @Test
    void rowsMustNotBeEmpty() {
        List<List<InlineButton>> keyboard = new ArrayList<>();
        keyboard.add(row(1));
        keyboard.add(List.of());
        keyboard.add(null);
        assertThat(validate(keyboard))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1]", "KEYBOARD_ROW_EMPTY"), tuple("content.keyboard[2]", "KEYBOARD_ROW_EMPTY"));
        assertThat(validate(List.of())).isEmpty();
    }

    @Test
    void buttonTextIsOneToSixtyFourCharacters() {
        assertThat(validateButton(InlineButton.callback("x".repeat(64), "d"))).isEmpty();
        assertThat(validateButton(InlineButton.callback("x".repeat(65), "d")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0].text", "BUTTON_TEXT_TOO_LONG"));
        assertThat(validateButton(InlineButton.callback(" ", "d")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0].text", "BUTTON_TEXT_REQUIRED"));
        assertThat(validateButton(InlineButton.callback(null, "d")))
                .extracting(Violation::code).containsExactly("BUTTON_TEXT_REQUIRED");
    }

    @Test
    void buttonNeedsExactlyOneAction() {
        assertThat(validateButton(new InlineButton("x", "https://example.com", "d")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0]", "BUTTON_ACTION"));
        assertThat(validateButton(new InlineButton("x", null, null)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0]", "BUTTON_ACTION"));
        List<InlineButton> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(validate(List.of(withNull)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[0][0]", "BUTTON_REQUIRED"));
    }

    @Test
    void callbackDataIsLimitedInUtf8Bytes() {
        assertThat(validateButton(InlineButton.callback("x", "я".repeat(22)))).isEmpty(); // 44 bytes
        assertThat(validateButton(InlineButton.callback("x", "я".repeat(32)))).isEmpty(); // 64 bytes
        assertThat(validateButton(InlineButton.callback("x", "d".repeat(64)))).isEmpty();
        assertThat(validateButton(InlineButton.callback("x", "😀".repeat(16)))).isEmpty(); // 64 bytes

        assertThat(validateButton(InlineButton.callback("x", "я".repeat(33)))) // 33 characters, 66 bytes
                .containsExactly(new Violation("content.keyboard[1][0].callbackData", "CALLBACK_DATA_TOO_LONG",
                        "callbackData is at most 64 bytes in UTF-8, this one has 66"));
        assertThat(validateButton(InlineButton.callback("x", "d".repeat(65))))
                .extracting(Violation::code).containsExactly("CALLBACK_DATA_TOO_LONG");
        assertThat(validateButton(InlineButton.callback("x", "😀".repeat(16) + "d")))
                .extracting(Violation::code).containsExactly("CALLBACK_DATA_TOO_LONG");
        assertThat(validateButton(InlineButton.callback("x", "")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0].callbackData", "CALLBACK_DATA_EMPTY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com", "http://example.com/path?q=1#frag", "HTTPS://EXAMPLE.COM", "tg://resolve?domain=botfleet",
        "https://пример.рф/страница", "https://t.me/botfleet", "https://example.com:8443/x"})
    void acceptsAbsoluteUrlsWithHost(String url) {
        assertThat(validateButton(InlineButton.link("x", url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "example.com", "/relative", "ftp://example.com/file", "javascript:alert(1)", "https://", "https:///path",
        "https://exa mple.com", "mailto:a@b.c", "", " ", "http://:80/x"})
    void refusesOtherUrls(String url) {
        assertThat(validateButton(InlineButton.link("x", url)))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("content.keyboard[1][0].url", "BUTTON_URL_INVALID"));
    }
}
