package io.botfleet.broadcast.content;

/** The stable {@link Violation#code()} values; clients match on them, so never rename one. */
public final class ViolationCodes {
    public static final String CONTENT_REQUIRED = "CONTENT_REQUIRED";
    public static final String TEXT_REQUIRED = "TEXT_REQUIRED";
    public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
    public static final String CAPTION_TOO_LONG = "CAPTION_TOO_LONG";
    public static final String FORMATTING_INVALID = "FORMATTING_INVALID";

    public static final String ENTITIES_WITH_PARSE_MODE = "ENTITIES_WITH_PARSE_MODE";
    public static final String ENTITY_OUT_OF_RANGE = "ENTITY_OUT_OF_RANGE";
    public static final String ENTITY_INVALID = "ENTITY_INVALID";

    public static final String KEYBOARD_TOO_MANY_BUTTONS = "KEYBOARD_TOO_MANY_BUTTONS";
    public static final String KEYBOARD_ROW_EMPTY = "KEYBOARD_ROW_EMPTY";
    public static final String KEYBOARD_ROW_TOO_LONG = "KEYBOARD_ROW_TOO_LONG";
    public static final String BUTTON_REQUIRED = "BUTTON_REQUIRED";
    public static final String BUTTON_TEXT_REQUIRED = "BUTTON_TEXT_REQUIRED";
    public static final String BUTTON_TEXT_TOO_LONG = "BUTTON_TEXT_TOO_LONG";
    /** A button needs exactly one action: a url or callbackData. */
    public static final String BUTTON_ACTION = "BUTTON_ACTION";
    public static final String BUTTON_URL_INVALID = "BUTTON_URL_INVALID";
    public static final String CALLBACK_DATA_EMPTY = "CALLBACK_DATA_EMPTY";
    public static final String CALLBACK_DATA_TOO_LONG = "CALLBACK_DATA_TOO_LONG";

    public static final String MEDIA_KIND_REQUIRED = "MEDIA_KIND_REQUIRED";
    /** Exactly one of url, fileId and mediaId. */
    public static final String MEDIA_SOURCE = "MEDIA_SOURCE";
    public static final String MEDIA_ID_INVALID = "MEDIA_ID_INVALID";
    public static final String MEDIA_URL_INVALID = "MEDIA_URL_INVALID";
    public static final String MEDIA_SIZE_INVALID = "MEDIA_SIZE_INVALID";
    public static final String MEDIA_TOO_LARGE = "MEDIA_TOO_LARGE";

    private ViolationCodes() {}
}
