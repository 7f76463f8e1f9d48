package io.botfleet.ads;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.broadcast.content.ContentValidator;
import io.botfleet.broadcast.content.FormattedTextParser;
import io.botfleet.broadcast.content.InlineButton;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.MessageEntity;
import io.botfleet.broadcast.content.ParseMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackedContentTest {

    static MessageContent withKeyboard(String text, ParseMode mode, List<List<InlineButton>> keyboard) {
        return new MessageContent(text, mode, List.of(), null, keyboard, false, false);
    }

    @Test
    void textLinksComeFirstThenButtonsRowByRow() {
        MessageContent content = withKeyboard("Buy <a href=\"https://shop.example/a\">here</a> or <a href=\"https://shop.example/b\">there</a>",
                ParseMode.HTML, List.of(List.of(InlineButton.link("Shop", "https://shop.example/c"), InlineButton.callback("Later", "later")),
                        List.of(InlineButton.link("More", "https://shop.example/d"))));

        assertThat(TrackedContent.of(content).targets()).containsExactly(
                new TrackedContent.Target(TrackedContent.Target.Kind.TEXT_LINK, "https://shop.example/a"),
                new TrackedContent.Target(TrackedContent.Target.Kind.TEXT_LINK, "https://shop.example/b"),
                new TrackedContent.Target(TrackedContent.Target.Kind.URL_BUTTON, "https://shop.example/c"),
                new TrackedContent.Target(TrackedContent.Target.Kind.CALLBACK_BUTTON, null),
                new TrackedContent.Target(TrackedContent.Target.Kind.URL_BUTTON, "https://shop.example/d"));
    }

    @Test
    void everyLinkAndButtonPointsAtThePlatformAndTheVisibleTextIsUnchanged() {
        String longText = "x".repeat(4000) + " <a href=\"https://shop.example/a\">here</a>";
        MessageContent content = withKeyboard(longText, ParseMode.HTML,
                List.of(List.of(InlineButton.link("Shop", "https://shop.example/c"), InlineButton.callback("Later", "later"))));
        assertThat(ContentValidator.validate(content, "content")).isEmpty();

        MessageContent sent = TrackedContent.of(content).forRecipient(i -> "https://api.example/r/code" + i, i -> "ad:cb" + i);

        // sent as the text Telegram shows with explicit entities: the same length, within the same limit
        assertThat(sent.parseMode()).isEqualTo(ParseMode.NONE);
        assertThat(sent.text()).isEqualTo(FormattedTextParser.parse(longText, ParseMode.HTML).plainText());
        assertThat(sent.entities()).extracting(MessageEntity::url).containsExactly("https://api.example/r/code0");
        assertThat(sent.keyboard().getFirst()).containsExactly(InlineButton.link("Shop", "https://api.example/r/code1"),
                InlineButton.callback("Later", "ad:cb2"));
        assertThat(ContentValidator.validate(sent, "content")).isEmpty();
    }

    @Test
    void aTextWithoutLinksIsSentAsWrittenAndOnlyItsButtonsChange() {
        MessageContent content = withKeyboard("*Sale* today", ParseMode.MARKDOWN_V2,
                List.of(List.of(InlineButton.link("Shop", "https://shop.example/c"))));

        MessageContent sent = TrackedContent.of(content).forRecipient(i -> "https://api.example/r/x", i -> "ad:y");

        assertThat(sent.text()).isEqualTo("*Sale* today");
        assertThat(sent.parseMode()).isEqualTo(ParseMode.MARKDOWN_V2);
        assertThat(sent.keyboard().getFirst().getFirst().url()).isEqualTo("https://api.example/r/x");
    }

    @Test
    void markdownLinksAreTrackedToo() {
        MessageContent content = MessageContent.text("Go [now](https://shop.example/now)\\!", ParseMode.MARKDOWN_V2);

        TrackedContent tracked = TrackedContent.of(content);
        MessageContent sent = tracked.forRecipient(i -> "https://api.example/r/m", i -> "");

        assertThat(tracked.targets()).extracting(TrackedContent.Target::url).containsExactly("https://shop.example/now");
        assertThat(sent.text()).isEqualTo("Go now!");
        assertThat(sent.entities()).extracting(MessageEntity::url).containsExactly("https://api.example/r/m");
    }
}
