package io.botfleet.broadcast.content;

import static io.botfleet.broadcast.content.FieldPath.field;

import java.util.List;

/** Media source and Telegram's size limits, which differ between sending by URL and uploading. */
final class MediaRules {
    /** Library ids are ULIDs. */
    private static final java.util.regex.Pattern MEDIA_ID = java.util.regex.Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

    private MediaRules() {}

    static void check(Media media, String path, List<Violation> out) {
        if (media.kind() == null) {
            out.add(new Violation(field(path, "kind"), ViolationCodes.MEDIA_KIND_REQUIRED,
                    "kind is required: photo, video, document or animation"));
        }
        boolean hasUrl = media.url() != null && !media.url().isBlank();
        boolean hasFileId = media.fileId() != null && !media.fileId().isBlank();
        boolean hasMediaId = media.mediaId() != null && !media.mediaId().isBlank();
        if ((hasUrl ? 1 : 0) + (hasFileId ? 1 : 0) + (hasMediaId ? 1 : 0) != 1) {
            out.add(new Violation(path, ViolationCodes.MEDIA_SOURCE, "media needs exactly one of url, fileId and mediaId"));
        } else if (hasMediaId && !MEDIA_ID.matcher(media.mediaId()).matches()) {
            out.add(new Violation(field(path, "mediaId"), ViolationCodes.MEDIA_ID_INVALID, "mediaId must be a media library id"));
        } else if (hasUrl && !AbsoluteUrls.isValid(media.url(), AbsoluteUrls.WEB)) {
            out.add(new Violation(field(path, "url"), ViolationCodes.MEDIA_URL_INVALID, "url must be an absolute http or https URL"));
        }
        checkSize(media, hasUrl, field(path, "sizeBytes"), out);
    }

    private static void checkSize(Media media, boolean hasUrl, String path, List<Violation> out) {
        Long size = media.sizeBytes();
        if (size == null || media.kind() == null) {
            return;
        }
        if (size < 0) {
            out.add(new Violation(path, ViolationCodes.MEDIA_SIZE_INVALID, "sizeBytes must not be negative"));
            return;
        }
        // By URL Telegram fetches the file itself with tighter limits; otherwise the bytes are (or were) uploaded.
        long limit = hasUrl ? TelegramLimits.byUrlMaxBytes(media.kind()) : TelegramLimits.uploadMaxBytes(media.kind());
        if (size > limit) {
            String how = hasUrl ? "sent by URL" : "uploaded";
            out.add(new Violation(path, ViolationCodes.MEDIA_TOO_LARGE,
                    "a " + media.kind().json() + " " + how + " is at most " + limit / (1024 * 1024) + " MB, this one has " + size + " bytes"));
        }
    }
}
