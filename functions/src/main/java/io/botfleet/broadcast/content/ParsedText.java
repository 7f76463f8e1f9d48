package io.botfleet.broadcast.content;

import java.util.Comparator;
import java.util.List;

/** Text as Telegram will show it (markup removed) with the entities the markup produced. */
public record ParsedText(String plainText, List<MessageEntity> entities) {

    /** Telegram's order: by offset, enclosing entities before the ones they contain. */
    static final Comparator<MessageEntity> TELEGRAM_ORDER =
            Comparator.comparingInt(MessageEntity::offset).thenComparing(Comparator.comparingInt(MessageEntity::length).reversed());

    public ParsedText {
        entities = List.copyOf(entities);
    }

    static ParsedText sorted(String plainText, List<MessageEntity> entities) {
        return new ParsedText(plainText, entities.stream().sorted(TELEGRAM_ORDER).toList());
    }

    /** Length in UTF-16 code units, the unit of Telegram's text limits and entity offsets. */
    public int length() {
        return plainText.length();
    }
}
