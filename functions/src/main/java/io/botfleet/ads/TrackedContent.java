package io.botfleet.ads;

import io.botfleet.broadcast.content.FormattedTextParser;
import io.botfleet.broadcast.content.FormattingException;
import io.botfleet.broadcast.content.InlineButton;
import io.botfleet.broadcast.content.MessageContent;
import io.botfleet.broadcast.content.MessageEntity;
import io.botfleet.broadcast.content.ParseMode;
import io.botfleet.broadcast.content.ParsedText;
import io.botfleet.clicks.ClickTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The trackable elements of an ad's message and the message with them rewritten for one recipient. Trackable, in this
 * order (the index a click code carries): the text's links ({@code <a href>} in HTML, {@code [text](url)} in
 * MarkdownV2, {@code text_link} entities), then the keyboard's buttons row by row, URL and callback buttons alike.
 * <p>
 * A link in the text is rewritten by sending the text as Telegram will show it with explicit entities, the links'
 * {@code url}s replaced: the visible text, which Telegram's length limits count, is exactly the original's, so content
 * that passed validation still does. Bare URLs typed into the text are not tracked (rewriting them would change what
 * the reader sees). A text that cannot be parsed (validation refuses such content) is sent as it is.
 */
public final class TrackedContent {

    /** What a trackable element is, and the URL it leads to (none for a callback button). */
    public record Target(Kind kind, String url) {
        public enum Kind { TEXT_LINK, URL_BUTTON, CALLBACK_BUTTON }
    }

    private final MessageContent content;
    /** The text as shown, with its entities; null when it has no link to track. */
    private final ParsedText parsed;
    private final List<Target> targets;

    private TrackedContent(MessageContent content, ParsedText parsed, List<Target> targets) {
        this.content = content;
        this.parsed = parsed;
        this.targets = List.copyOf(targets);
    }

    public static TrackedContent of(MessageContent content) {
        List<Target> targets = new ArrayList<>();
        ParsedText parsed = null;
        try {
            ParsedText text = content.parseMode() == ParseMode.NONE
                    ? new ParsedText(content.text() == null ? "" : content.text(), content.entities())
                    : FormattedTextParser.parse(content.text(), content.parseMode());
            for (MessageEntity e : text.entities()) {
                if (isLink(e)) {
                    targets.add(new Target(Target.Kind.TEXT_LINK, e.url()));
                }
            }
            parsed = targets.isEmpty() ? null : text;
        } catch (FormattingException e) {
            // not sendable as it is either; validation keeps such content out of campaigns
        }
        for (List<InlineButton> row : content.keyboard()) {
            for (InlineButton b : row) {
                targets.add(b.url() != null ? new Target(Target.Kind.URL_BUTTON, b.url())
                        : new Target(Target.Kind.CALLBACK_BUTTON, null));
            }
        }
        return new TrackedContent(content, parsed, targets.size() > ClickTarget.MAX_LINKS
                ? targets.subList(0, ClickTarget.MAX_LINKS) : targets);
    }

    private static boolean isLink(MessageEntity e) {
        return "text_link".equals(e.type()) && e.url() != null;
    }

    /** By index: what each tracked element is. */
    public List<Target> targets() {
        return targets;
    }

    /**
     * The message with every tracked element pointing at the platform.
     *
     * @param redirect the redirect URL of the element with this index
     * @param callback the callback_data of the callback button with this index
     */
    public MessageContent forRecipient(IntFunction<String> redirect, IntFunction<String> callback) {
        int index = 0;
        String text = content.text();
        ParseMode mode = content.parseMode();
        List<MessageEntity> entities = content.entities();
        if (parsed != null) {
            List<MessageEntity> rewritten = new ArrayList<>();
            for (MessageEntity e : parsed.entities()) {
                if (isLink(e) && index < targets.size()) {
                    rewritten.add(new MessageEntity(e.type(), e.offset(), e.length(), redirect.apply(index++), e.language(),
                            e.customEmojiId()));
                } else {
                    rewritten.add(e);
                }
            }
            text = parsed.plainText();
            mode = ParseMode.NONE;
            entities = rewritten;
        }
        List<List<InlineButton>> keyboard = new ArrayList<>();
        for (List<InlineButton> row : content.keyboard()) {
            List<InlineButton> buttons = new ArrayList<>();
            for (InlineButton b : row) {
                int i = index++;
                if (i >= targets.size()) {
                    buttons.add(b);
                } else if (b.url() != null) {
                    buttons.add(InlineButton.link(b.text(), redirect.apply(i)));
                } else {
                    buttons.add(InlineButton.callback(b.text(), callback.apply(i)));
                }
            }
            keyboard.add(buttons);
        }
        return new MessageContent(text, mode, entities, content.media(), keyboard, content.disableNotification(),
                content.protectContent());
    }
}
