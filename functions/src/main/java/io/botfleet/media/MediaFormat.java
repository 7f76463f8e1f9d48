package io.botfleet.media;

import io.botfleet.broadcast.content.MediaKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the library takes, as their bytes show them, with the content types an upload may declare for
 * each and the kind of message Telegram sends them as. Office documents come as ZIP (OOXML) or OLE containers.
 */
public enum MediaFormat {
    JPEG(MediaKind.PHOTO, "jpg", "image/jpeg"),
    PNG(MediaKind.PHOTO, "png", "image/png"),
    WEBP(MediaKind.PHOTO, "webp", "image/webp"),
    GIF(MediaKind.ANIMATION, "gif", "image/gif"),
    MP4(MediaKind.VIDEO, "mp4", "video/mp4"),
    PDF(MediaKind.DOCUMENT, "pdf", "application/pdf"),
    ZIP(MediaKind.DOCUMENT, "zip", "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    OLE(MediaKind.DOCUMENT, "doc", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"),
    TEXT(MediaKind.DOCUMENT, "txt", "text/plain", "text/csv");

    private final MediaKind kind;
    private final String extension;
    private final List<String> contentTypes;

    MediaFormat(MediaKind kind, String extension, String... contentTypes) {
        this.kind = kind;
        this.extension = extension;
        this.contentTypes = List.of(contentTypes);
    }

    public MediaKind kind() {
        return kind;
    }

    public String extension() {
        return extension;
    }

    /** The content type the format is stored and sent with. */
    public String contentType() {
        return contentTypes.getFirst();
    }

    public boolean accepts(String declaredType) {
        return contentTypes.contains(normalized(declaredType));
    }

    /** The format an upload declaring {@code contentType} must turn out to be; empty for a type the library refuses. */
    public static Optional<MediaFormat> declaredAs(String contentType) {
        for (MediaFormat f : values()) {
            if (f.accepts(contentType)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every content type an upload may declare. */
    public static List<String> acceptedTypes() {
        return java.util.Arrays.stream(values()).flatMap(f -> f.contentTypes.stream()).toList();
    }

    static String normalized(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
