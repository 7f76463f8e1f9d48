package io.botfleet.broadcast.content;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One photo, video, document or animation. Exactly one of {@code url} (Telegram fetches it), {@code fileId} (already
 * on Telegram's servers) and {@code mediaId} (an item of the platform's media library, uploaded to Telegram once per
 * bot) is set; {@code sizeBytes} is known for files the platform uploaded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Media(MediaKind kind, String url, String fileId, Long sizeBytes, String mediaId) {

    public Media(MediaKind kind, String url, String fileId, Long sizeBytes) {
        this(kind, url, fileId, sizeBytes, null);
    }

    public static Media fromLibrary(MediaKind kind, String mediaId) {
        return new Media(kind, null, null, null, mediaId);
    }
}
