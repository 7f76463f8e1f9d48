package io.botfleet.media;

import io.botfleet.broadcast.content.TelegramLimits;

/**
 * What Telegram does with a photo (Bot API: at most 10 MB, width + height at most 10,000, ratio at most 20; it keeps
 * photos at most 2,560 px on the longest side and shrinks larger ones) and so what the library sends: the original
 * when Telegram would take it as it is, a re-encoded copy when Telegram would refuse it or shrink it anyway (the
 * upload is then smaller and the result the same), nothing when no resizing can make it a photo.
 */
public final class PhotoRules {
    public static final long MAX_BYTES = TelegramLimits.PHOTO_UPLOAD_MAX_BYTES;
    public static final int MAX_DIMENSION_SUM = 10_000;
    public static final int MAX_RATIO = 20;
    /** The longest side Telegram keeps of a photo; the library's copies are made at it. */
    public static final int LONGEST_SIDE = 2560;

    private PhotoRules() {}

    /** What to do with a photo. */
    public sealed interface Verdict {
        /** Send the original. */
        record Keep() implements Verdict {}

        /**
         * Send a JPEG copy of at most {@code width} × {@code height}. {@code required}: Telegram would refuse the
         * original; otherwise it would only shrink it, and the copy is sent only when it is the smaller upload.
         */
        record Compress(int width, int height, String why, boolean required) implements Verdict {}

        /** Not sendable as a photo at all. */
        record Refuse(String reason) implements Verdict {}
    }

    public static Verdict judge(MediaFormat format, int width, int height, long bytes) {
        if (width <= 0 || height <= 0) {
            return new Verdict.Refuse("the image has no pixels");
        }
        int longest = Math.max(width, height);
        int shortest = Math.min(width, height);
        if ((double) longest / shortest > MAX_RATIO) {
            return new Verdict.Refuse("aspect ratio " + longest + ":" + shortest + " is above Telegram's 20:1 for photos; "
                    + "upload it as a document");
        }
        String why = null;
        boolean required = true;
        if (bytes > MAX_BYTES) {
            why = "above Telegram's 10 MB for photos";
        } else if (width + height > MAX_DIMENSION_SUM) {
            why = "width + height above Telegram's 10,000";
        } else if (longest > LONGEST_SIDE) {
            required = false;
            why = "longest side above the 2,560 px Telegram keeps";
        } else if (format == MediaFormat.WEBP) {
            why = "WebP is sent as a JPEG photo";
        }
        if (why == null) {
            return new Verdict.Keep();
        }
        double scale = Math.min(1.0, (double) LONGEST_SIDE / longest);
        return new Verdict.Compress(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)), why, required);
    }
}
