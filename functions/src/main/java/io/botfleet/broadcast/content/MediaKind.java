package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of single media a broadcast can carry; each maps to one Bot API send method. */
public enum MediaKind {
    PHOTO("sendPhoto", "photo"),
    VIDEO("sendVideo", "video"),
    DOCUMENT("sendDocument", "document"),
    ANIMATION("sendAnimation", "animation");

    private final String sendMethod;
    private final String parameterName;

    MediaKind(String sendMethod, String parameterName) {
        this.sendMethod = sendMethod;
        this.parameterName = parameterName;
    }

    @JsonCreator
    public static MediaKind fromJson(String value) {
        if (value == null) {
            return null;
        }
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    @JsonValue
    public String json() {
        return parameterName;
    }

    /** Bot API method, e.g. {@code sendPhoto}. */
    public String sendMethod() {
        return sendMethod;
    }

    /** Name of the method's media parameter, e.g. {@code photo}. */
    public String parameterName() {
        return parameterName;
    }
}
