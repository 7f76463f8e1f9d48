package io.botfleet.telegram.emulator;

/**
 * Telegram refused a file's content. A single send reports Telegram's Bot API wording; an album reports the
 * failing item by position with Telegram's internal error name, as the Bot API server does for media groups.
 */
final class MediaRejection extends RuntimeException {

    enum Reason {
        /** The URL could not be fetched: unreachable, an error status, a timeout, or more bytes than allowed. */
        FETCH_FAILED("failed to get HTTP URL content", "WEBPAGE_CURL_FAILED"),
        /** The URL answered with content of the wrong type for the method (a web page instead of a photo). */
        WRONG_CONTENT("wrong type of the web page content", "WEBPAGE_MEDIA_EMPTY"),
        /** Uploaded photo bytes that are not an image. */
        IMAGE_PROCESS_FAILED("IMAGE_PROCESS_FAILED", "IMAGE_PROCESS_FAILED");

        private final String description;
        private final String serverError;

        Reason(String description, String serverError) {
            this.description = description;
            this.serverError = serverError;
        }
    }

    private final Reason reason;

    MediaRejection(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    ApiException forSingleSend() {
        return ApiException.badRequest(reason.description);
    }

    /** {@code position} counts the album's items from 1. */
    ApiException forAlbumItem(int position) {
        return ApiException.badRequest("failed to send message #" + position + " with the error message \""
                + reason.serverError + "\"");
    }
}
