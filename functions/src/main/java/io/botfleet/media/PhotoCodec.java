package io.botfleet.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reads, resizes and writes images with ImageIO (the JDK's JPEG, PNG and GIF codecs, WebP through TwelveMonkeys'
 * reader). Copies are JPEG at high quality: Telegram re-encodes every photo as JPEG anyway.
 */
public final class PhotoCodec {
    /** The quality of sent copies: visually lossless at Telegram's sizes. */
    public static final float QUALITY = 0.9f;
    public static final int THUMBNAIL_SIDE = 320;
    private static final float THUMBNAIL_QUALITY = 0.8f;

    static {
        // Lambda has no display; ImageIO and Java2D need none
        System.setProperty("java.awt.headless", "true");
    }

    private PhotoCodec() {}

    public record Size(int width, int height) {}

    /** The dimensions from the header alone, without decoding the pixels; empty when ImageIO cannot read it. */
    public static Optional<Size> size(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The image (its first frame) decoded; empty when it is not a readable image. */
    public static Optional<BufferedImage> read(byte[] image) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(image)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A JPEG of {@code image} fitted into {@code width} × {@code height}, at most {@code maxBytes}: the quality steps
     * down only when a copy at the target size would still be too large.
     */
    public static byte[] jpeg(BufferedImage image, int width, int height, long maxBytes) {
        BufferedImage scaled = scale(image, width, height);
        float quality = QUALITY;
        byte[] out = encode(scaled, quality);
        while (out.length > maxBytes && quality > 0.4f) {
            quality -= 0.1f;
            out = encode(scaled, quality);
        }
        return out;
    }

    /** A small JPEG preview for the library's grid. */
    public static byte[] thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight()));
        return encode(scale(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                Math.max(1, (int) Math.round(image.getHeight() * scale))), THUMBNAIL_QUALITY);
    }

    /**
     * Down-scales in halving steps (bilinear each), which keeps the quality of an area-averaging resize at a fraction
     * of its cost; transparency is flattened onto white, as JPEG has none.
     */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        BufferedImage current = opaque(source);
        int w = current.getWidth();
        int h = current.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return w == width && h == height ? current : draw(current, width, height);
    }

    private static BufferedImage opaque(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_RGB || source.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return source;
        }
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
