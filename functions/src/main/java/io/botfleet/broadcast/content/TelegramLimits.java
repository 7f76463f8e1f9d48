package io.botfleet.broadcast.content;

/** Bot API limits on message content (DESIGN.md §5). Text lengths are UTF-16 code units after entity parsing. */
public final class TelegramLimits {
    public static final int TEXT_MAX = 4096;
    public static final int CAPTION_MAX = 1024;
    public static final int KEYBOARD_BUTTONS_MAX = 100;
    public static final int KEYBOARD_ROW_MAX = 8;
    public static final int BUTTON_TEXT_MAX = 64;
    public static final int CALLBACK_DATA_MAX_BYTES = 64;

    private static final long MB = 1024L * 1024L;
    /** Telegram downloads a URL itself and refuses larger files. */
    public static final long PHOTO_BY_URL_MAX_BYTES = 5 * MB;
    public static final long OTHER_BY_URL_MAX_BYTES = 20 * MB;
    /** multipart/form-data upload limits; a file_id obtained from an upload never exceeds them. */
    public static final long PHOTO_UPLOAD_MAX_BYTES = 10 * MB;
    public static final long OTHER_UPLOAD_MAX_BYTES = 50 * MB;

    private TelegramLimits() {}

    public static long byUrlMaxBytes(MediaKind kind) {
        return kind == MediaKind.PHOTO ? PHOTO_BY_URL_MAX_BYTES : OTHER_BY_URL_MAX_BYTES;
    }

    public static long uploadMaxBytes(MediaKind kind) {
        return kind == MediaKind.PHOTO ? PHOTO_UPLOAD_MAX_BYTES : OTHER_UPLOAD_MAX_BYTES;
    }
}
