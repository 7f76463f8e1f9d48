package io.botfleet.media;

/**
 * The media bucket's layout. Browsers write only under {@code uploads/} (the prefix the bucket notifies the media
 * function of, so the function's own writes never trigger it again); quarantined files expire, originals move to an
 * infrequent-access class after a while (template.yaml's lifecycle rules name the same prefixes).
 */
public final class MediaKeys {
    public static final String UPLOADS = "uploads/";
    public static final String ORIGINALS = "originals/";
    public static final String DERIVED = "derived/";
    public static final String QUARANTINE = "quarantine/";

    private MediaKeys() {}

    public static String upload(String id) {
        return UPLOADS + id;
    }

    /** The media id an upload key names, or null for a key outside {@code uploads/}. */
    public static String idOfUpload(String key) {
        if (!key.startsWith(UPLOADS) || key.length() == UPLOADS.length() || key.indexOf('/', UPLOADS.length()) >= 0) {
            return null;
        }
        return key.substring(UPLOADS.length());
    }

    public static String original(String id) {
        return ORIGINALS + id;
    }

    public static String sendCopy(String id) {
        return DERIVED + id + "/photo.jpg";
    }

    public static String thumbnail(String id) {
        return DERIVED + id + "/thumb.jpg";
    }

    public static String quarantine(String id) {
        return QUARANTINE + id;
    }
}
