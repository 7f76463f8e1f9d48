package io.botfleet.broadcast.content;

/**
 * Markup Telegram would refuse with "Can't parse entities". {@code offset} is the UTF-16 index in the source text
 * (what a browser's JavaScript string uses), not Telegram's UTF-8 byte offset.
 */
public class FormattingException extends RuntimeException {
    private final int offset;

    public FormattingException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
