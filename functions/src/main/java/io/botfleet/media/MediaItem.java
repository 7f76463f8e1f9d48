package io.botfleet.media;

import io.botfleet.broadcast.content.MediaKind;
import java.time.Instant;

/**
 * One file of the media library. Its bytes live in the media bucket: the browser uploads to {@link MediaKeys#upload},
 * the media function keeps the original under {@link MediaKeys#original} (or {@link MediaKeys#quarantine}) and, for
 * photos, a copy made for Telegram and a thumbnail.
 *
 * @param kind         what it is sent as (the declared type's until the bytes were seen)
 * @param format       the format the bytes showed (null while pending)
 * @param sizeBytes    the original's size as stored
 * @param sendKey      the object sent to Telegram: the original, or the re-encoded copy when {@code compression} is set
 * @param sendBytes    the sent object's size
 * @param reason       why it was quarantined
 */
public record MediaItem(String id, MediaStatus status, String fileName, String declaredType, long declaredSize,
                        MediaKind kind, MediaFormat format, Integer width, Integer height, Double durationSeconds,
                        Long sizeBytes, String sha256, String sendKey, Long sendBytes, String thumbnailKey,
                        String compression, String reason, Instant createdAt, String createdBy, Instant processedAt) {

    public static MediaItem pending(String id, String fileName, String declaredType, long declaredSize, MediaKind kind,
                                    Instant at, String createdBy) {
        return new MediaItem(id, MediaStatus.PENDING, fileName, declaredType, declaredSize, kind, null, null, null, null,
                null, null, null, null, null, null, null, at, createdBy, null);
    }

    public MediaItem validated(UploadInspection.Accepted a, long size, String sendKey, long sendBytes, String thumbnailKey,
                               Instant at) {
        return new MediaItem(id, MediaStatus.VALIDATED, fileName, declaredType, declaredSize, a.kind(), a.format(),
                a.width(), a.height(), a.durationSeconds(), size, a.sha256(), sendKey, sendBytes, thumbnailKey,
                a.compression(), null, createdAt, createdBy, at);
    }

    public MediaItem quarantined(String why, long size, Instant at) {
        return new MediaItem(id, MediaStatus.QUARANTINED, fileName, declaredType, declaredSize, kind, format, width,
                height, durationSeconds, size, sha256, null, null, null, null, why, createdAt, createdBy, at);
    }

    /** The content type the sent object has: JPEG for a re-encoded copy. */
    public String sendContentType() {
        return compression != null ? MediaFormat.JPEG.contentType() : format.contentType();
    }

    /** The file name Telegram shows, with the sent object's extension. */
    public String sendFileName() {
        if (compression == null) {
            return fileName;
        }
        int dot = fileName.lastIndexOf('.');
        return (dot > 0 ? fileName.substring(0, dot) : fileName) + ".jpg";
    }
}
