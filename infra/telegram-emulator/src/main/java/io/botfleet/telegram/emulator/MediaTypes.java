package io.botfleet.telegram.emulator;

import java.util.Locale;
import java.util.Set;

/** What content Telegram takes for each kind of media: image files by their first bytes, URLs by MIME type. */
final class MediaTypes {

    /**
     * sendDocument by URL "will currently only work for GIF, PDF and ZIP files" (Bot API docs); other kinds need the
     * matching MIME family.
     */
    private static final Set<String> DOCUMENT_URL_TYPES =
            Set.of("image/gif", "application/pdf", "application/zip", "application/x-zip-compressed");

    private MediaTypes() {
    }

    /** JPEG, PNG, GIF, WebP or BMP, recognised by signature: what Telegram can turn into a photo. */
    static boolean isImage(byte[] content) {
        return startsWith(content, 0, 0xFF, 0xD8, 0xFF)
                || startsWith(content, 0, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n')
                || startsWith(content, 0, 'G', 'I', 'F', '8')
                || startsWith(content, 0, 'R', 'I', 'F', 'F') && startsWith(content, 8, 'W', 'E', 'B', 'P')
                || startsWith(content, 0, 'B', 'M');
    }

    /** Whether content fetched from a URL with this Content-Type can be sent as {@code kind}. */
    static boolean acceptsFromUrl(String kind, String contentType, byte[] content) {
        String type = mimeType(contentType);
        return switch (kind) {
            case "photo" -> type.startsWith("image/") && isImage(content);
            case "video" -> type.startsWith("video/");
            case "animation" -> type.equals("image/gif") || type.equals("video/mp4");
            case "audio" -> type.startsWith("audio/");
            case "document" -> DOCUMENT_URL_TYPES.contains(type);
            default -> false;
        };
    }

    /** The MIME type without parameters, lowercase; empty when there is none. */
    static String mimeType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] content, int offset, int... signature) {
        if (content == null || content.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((content[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
