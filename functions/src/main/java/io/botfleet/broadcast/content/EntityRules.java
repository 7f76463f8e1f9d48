package io.botfleet.broadcast.content;

import static io.botfleet.broadcast.content.FieldPath.field;
import static io.botfleet.broadcast.content.FieldPath.index;

import java.util.List;
import java.util.Set;

/** Checks explicit entities sent with {@link ParseMode#NONE} against the text they format. */
final class EntityRules {
    static final Set<String> KNOWN_TYPES = Set.of(
            "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number",
            "bold", "italic", "underline", "strikethrough", "spoiler", "blockquote", "expandable_blockquote",
            "code", "pre", "text_link", "text_mention", "custom_emoji");

    private EntityRules() {}

    static void check(String text, List<MessageEntity> entities, String path, List<Violation> out) {
        String source = text == null ? "" : text;
        for (int i = 0; i < entities.size(); i++) {
            checkOne(source, entities.get(i), index(path, i), out);
        }
    }

    private static void checkOne(String text, MessageEntity entity, String path, List<Violation> out) {
        if (entity == null) {
            out.add(new Violation(path, ViolationCodes.ENTITY_INVALID, "entity must not be null"));
            return;
        }
        checkType(entity, path, out);
        if (entity.offset() < 0) {
            out.add(new Violation(field(path, "offset"), ViolationCodes.ENTITY_OUT_OF_RANGE, "offset must be >= 0"));
            return;
        }
        if (entity.length() < 1) {
            out.add(new Violation(field(path, "length"), ViolationCodes.ENTITY_OUT_OF_RANGE, "length must be >= 1"));
            return;
        }
        long end = (long) entity.offset() + entity.length();
        if (end > text.length()) {
            out.add(new Violation(field(path, "length"), ViolationCodes.ENTITY_OUT_OF_RANGE,
                    "offset + length = " + end + " exceeds the text length of " + text.length() + " UTF-16 code units"));
            return;
        }
        // An edge inside a surrogate pair means the offsets were counted in code points, not UTF-16 units.
        if (splitsSurrogatePair(text, entity.offset())) {
            out.add(new Violation(field(path, "offset"), ViolationCodes.ENTITY_OUT_OF_RANGE,
                    "offset splits a surrogate pair; count offsets in UTF-16 code units"));
        } else if (splitsSurrogatePair(text, (int) end)) {
            out.add(new Violation(field(path, "length"), ViolationCodes.ENTITY_OUT_OF_RANGE,
                    "entity end splits a surrogate pair; count lengths in UTF-16 code units"));
        }
    }

    private static void checkType(MessageEntity entity, String path, List<Violation> out) {
        String type = entity.type();
        if (type == null || !KNOWN_TYPES.contains(type)) {
            out.add(new Violation(field(path, "type"), ViolationCodes.ENTITY_INVALID, "unknown entity type '" + type + "'"));
        } else if (type.equals("text_link") && (entity.url() == null || entity.url().isBlank())) {
            out.add(new Violation(field(path, "url"), ViolationCodes.ENTITY_INVALID, "text_link needs a url"));
        } else if (type.equals("custom_emoji") && (entity.customEmojiId() == null || entity.customEmojiId().isBlank())) {
            out.add(new Violation(field(path, "custom_emoji_id"), ViolationCodes.ENTITY_INVALID, "custom_emoji needs a custom_emoji_id"));
        } else if (type.equals("text_mention")) {
            // A text_mention carries a User object this model does not hold; tg://user?id= links do the same job.
            out.add(new Violation(field(path, "type"), ViolationCodes.ENTITY_INVALID,
                    "text_mention is not supported; use text_link with url tg://user?id=<id>"));
        }
    }

    private static boolean splitsSurrogatePair(String text, int index) {
        return index > 0 && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1)) && Character.isLowSurrogate(text.charAt(index));
    }
}
