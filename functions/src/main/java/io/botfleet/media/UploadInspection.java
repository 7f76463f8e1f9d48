package io.botfleet.media;

import io.botfleet.broadcast.content.MediaKind;
import io.botfleet.broadcast.content.TelegramLimits;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What an uploaded file really is, judged from its bytes against what the upload declared: its format (a declared
 * type the bytes do not bear out is refused), Telegram's size limit for its kind, its facts (dimensions, duration,
 * SHA-256), and for photos the copy to send and a thumbnail.
 */
public final class UploadInspection {
    private UploadInspection() {}

    public sealed interface Verdict {}

    /**
     * @param sendCopy a re-encoded JPEG to send instead of the original (empty: the original is sent)
     * @param thumbnail a small JPEG for the library (images only)
     * @param compression why the copy was made
     */
    public record Accepted(MediaFormat format, Integer width, Integer height, Double durationSeconds, String sha256,
                           Optional<byte[]> sendCopy, Optional<byte[]> thumbnail, String compression) implements Verdict {
        public MediaKind kind() {
            return format.kind();
        }
    }

    public record Rejected(String reason) implements Verdict {}

    public static Verdict inspect(String declaredType, byte[] bytes) {
        Optional<MediaFormat> declared = MediaFormat.declaredAs(declaredType);
        if (declared.isEmpty()) {
            return new Rejected("content type " + declaredType + " is not one the library takes");
        }
        Optional<MediaFormat> detected = FormatSniffer.detect(bytes);
        if (detected.isEmpty()) {
            return new Rejected("declared " + MediaFormat.normalized(declaredType) + " but the bytes are no format the library knows");
        }
        MediaFormat format = detected.get();
        if (!format.accepts(declaredType)) {
            return new Rejected("declared " + MediaFormat.normalized(declaredType) + " but the bytes are " + format.json());
        }
        long limit = TelegramLimits.uploadMaxBytes(format.kind());
        // a photo above 10 MB can still be sent once shrunk; any other file cannot be made smaller
        if (format.kind() != MediaKind.PHOTO && bytes.length > limit) {
            return new Rejected(bytes.length + " bytes is above Telegram's " + limit / (1024 * 1024) + " MB for a "
                    + format.kind().json());
        }
        String sha = sha256(bytes);
        return switch (format.kind()) {
            case PHOTO -> photo(format, bytes, sha);
            case ANIMATION -> {
                Optional<PhotoCodec.Size> size = PhotoCodec.size(bytes);
                yield new Accepted(format, size.map(PhotoCodec.Size::width).orElse(null),
                        size.map(PhotoCodec.Size::height).orElse(null), null, sha, Optional.empty(),
                        PhotoCodec.read(bytes).map(PhotoCodec::thumbnail), null);
            }
            case VIDEO -> {
                VideoFacts.Facts facts = VideoFacts.of(bytes);
                yield new Accepted(format, facts.size().map(PhotoCodec.Size::width).orElse(null),
                        facts.size().map(PhotoCodec.Size::height).orElse(null), facts.durationSeconds().orElse(null), sha,
                        Optional.empty(), Optional.empty(), null);
            }
            case DOCUMENT -> new Accepted(format, null, null, null, sha, Optional.empty(), Optional.empty(), null);
        };
    }

    private static Verdict photo(MediaFormat format, byte[] bytes, String sha) {
        Optional<PhotoCodec.Size> size = PhotoCodec.size(bytes);
        if (size.isEmpty()) {
            return new Rejected("the " + format.json() + " image cannot be read");
        }
        int w = size.get().width();
        int h = size.get().height();
        PhotoRules.Verdict verdict = PhotoRules.judge(format, w, h, bytes.length);
        if (verdict instanceof PhotoRules.Verdict.Refuse refuse) {
            return new Rejected(refuse.reason());
        }
        Optional<BufferedImage> image = PhotoCodec.read(bytes);
        if (image.isEmpty()) {
            return new Rejected("the " + format.json() + " image cannot be decoded");
        }
        Optional<byte[]> copy = Optional.empty();
        String why = null;
        if (verdict instanceof PhotoRules.Verdict.Compress c) {
            byte[] jpeg = PhotoCodec.jpeg(image.get(), c.width(), c.height(), PhotoRules.MAX_BYTES);
            // a copy Telegram does not need that is larger than the original (a JPEG saved at lower quality) is not sent
            if (c.required() || jpeg.length < bytes.length) {
                copy = Optional.of(jpeg);
                why = c.why();
            }
        }
        return new Accepted(format, w, h, null, sha, copy, Optional.of(PhotoCodec.thumbnail(image.get())), why);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
