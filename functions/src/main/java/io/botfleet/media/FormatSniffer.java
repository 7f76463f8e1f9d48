package io.botfleet.media;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells a file's real format from its first bytes (magic numbers), whatever name or type it was uploaded with. A
 * dozen signatures are all the library takes, so this is a table rather than a content-detection library: Tika
 * would add megabytes and seconds to the media function's cold start to answer the same question.
 */
public final class FormatSniffer {
    /** How many leading bytes {@link #detect} looks at. */
    public static final int HEAD = 4096;

    private FormatSniffer() {}

    public static Optional<MediaFormat> detect(byte[] bytes) {
        if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(MediaFormat.JPEG);
        }
        if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(MediaFormat.PNG);
        }
        if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(MediaFormat.WEBP);
        }
        if (starts(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || starts(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(MediaFormat.GIF);
        }
        // ISO base media: a size, then the ftyp box; QuickTime-only brands are not what Telegram plays as MP4
        if (starts(bytes, 4, 'f', 't', 'y', 'p') && !starts(bytes, 8, 'q', 't', ' ', ' ')) {
            return Optional.of(MediaFormat.MP4);
        }
        if (starts(bytes, 0, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(MediaFormat.PDF);
        }
        if (starts(bytes, 0, 'P', 'K', 0x03, 0x04)) {
            return Optional.of(MediaFormat.ZIP);
        }
        if (starts(bytes, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Optional.of(MediaFormat.OLE);
        }
        return isText(bytes) ? Optional.of(MediaFormat.TEXT) : Optional.empty();
    }

    private static boolean starts(byte[] bytes, int offset, int... signature) {
        if (bytes.length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((bytes[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without control characters other than whitespace, judged on the head (a cut sequence at its end is fine). */
    private static boolean isText(byte[] bytes) {
        int n = Math.min(bytes.length, HEAD);
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                return false;
            }
        }
        // drop a multi-byte sequence the head cut in two
        int end = n;
        if (n < bytes.length) {
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
