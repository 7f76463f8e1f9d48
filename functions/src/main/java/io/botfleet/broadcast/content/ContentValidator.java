package io.botfleet.broadcast.content;

import static io.botfleet.broadcast.content.FieldPath.field;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks message content against Telegram's rules before anything is sent, so that a campaign fails in the editor with
 * field-level errors instead of failing thousands of times at Telegram. Returns every violation found, in field order.
 */
public final class ContentValidator {
    private ContentValidator() {}

    /** @param fieldPrefix JSON path of the content object, e.g. "content"; empty for top-level paths */
    public static List<Violation> validate(MessageContent content, String fieldPrefix) {
        List<Violation> out = new ArrayList<>();
        if (content == null) {
            out.add(new Violation(fieldPrefix == null || fieldPrefix.isEmpty() ? "content" : fieldPrefix,
                    ViolationCodes.CONTENT_REQUIRED, "content is required"));
            return out;
        }
        checkText(content, fieldPrefix, out);
        if (content.media() != null) {
            MediaRules.check(content.media(), field(fieldPrefix, "media"), out);
        }
        KeyboardRules.check(content.keyboard(), field(fieldPrefix, "keyboard"), out);
        return List.copyOf(out);
    }

    private static void checkText(MessageContent content, String prefix, List<Violation> out) {
        String textPath = field(prefix, "text");
        String text = content.text() == null ? "" : content.text();
        boolean caption = content.isCaption();
        if (!caption && text.isEmpty()) {
            out.add(new Violation(textPath, ViolationCodes.TEXT_REQUIRED, "text is required"));
            return;
        }
        if (content.parseMode() != ParseMode.NONE && !content.entities().isEmpty()) {
            out.add(new Violation(field(prefix, "entities"), ViolationCodes.ENTITIES_WITH_PARSE_MODE,
                    "entities can only be given with parseMode none; " + content.parseMode().json() + " markup makes its own"));
        }
        ParsedText parsed;
        try {
            parsed = FormattedTextParser.parse(text, content.parseMode());
        } catch (FormattingException e) {
            out.add(new Violation(textPath, ViolationCodes.FORMATTING_INVALID,
                    "Can't parse entities: " + e.getMessage() + " at offset " + e.offset()));
            return;
        }
        checkLength(parsed, caption, textPath, out);
        if (content.parseMode() == ParseMode.NONE) {
            EntityRules.check(text, content.entities(), field(prefix, "entities"), out);
        }
    }

    private static void checkLength(ParsedText parsed, boolean caption, String path, List<Violation> out) {
        int length = parsed.length();
        if (caption) {
            if (length > TelegramLimits.CAPTION_MAX) {
                out.add(new Violation(path, ViolationCodes.CAPTION_TOO_LONG, "caption is at most " + TelegramLimits.CAPTION_MAX
                        + " characters after formatting is removed, this one has " + length));
            }
            return;
        }
        if (parsed.plainText().isBlank()) {
            // Telegram trims the text and refuses what is left empty ("message text is empty").
            out.add(new Violation(path, ViolationCodes.TEXT_REQUIRED, "text is empty once formatting and whitespace are removed"));
        } else if (length > TelegramLimits.TEXT_MAX) {
            out.add(new Violation(path, ViolationCodes.TEXT_TOO_LONG, "text is at most " + TelegramLimits.TEXT_MAX
                    + " characters after formatting is removed, this one has " + length));
        }
    }
}
