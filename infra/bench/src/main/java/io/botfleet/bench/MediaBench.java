package io.botfleet.bench;

import io.botfleet.media.UploadInspection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The media function's photo work on generated images: how long checking, re-encoding and thumbnailing one photo
 * takes (median of several runs, in this JVM after a warm-up), and how much smaller the copy sent to Telegram is than
 * the original. Photo-like images (smooth patterns with detail) and one of noise (above Telegram's 10 MB as PNG).
 */
public final class MediaBench {
    private record Sample(String name, String type, byte[] bytes) {}

    private MediaBench() {}

    public static void run() throws IOException {
        int runs = Integer.getInteger("bench.runs", 5);
        List<Sample> samples = List.of(
                new Sample("jpeg_1600x1200_kept", "image/jpeg", encode(picture(1600, 1200, 1), "jpg")),
                new Sample("jpeg_3000x2000", "image/jpeg", encode(picture(3000, 2000, 2), "jpg")),
                new Sample("jpeg_6000x4000", "image/jpeg", encode(picture(6000, 4000, 3), "jpg")),
                new Sample("png_4000x3000", "image/png", encode(picture(4000, 3000, 4), "png")),
                new Sample("png_noise_2000x1800", "image/png", encode(noise(2000, 1800, 5), "png")));
        UploadInspection.inspect(samples.getFirst().type(), samples.getFirst().bytes());
        List<Double> allMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Sample s : samples) {
            double[] ms = new double[runs];
            UploadInspection.Verdict verdict = null;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                verdict = UploadInspection.inspect(s.type(), s.bytes());
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            double median = median(ms);
            allMs.add(median);
            UploadInspection.Accepted a = (UploadInspection.Accepted) verdict;
            double ratio = a.sendCopy().map(c -> (double) c.length / s.bytes().length).orElse(1.0);
            ratios.add(ratio);
            Bench.figure("media." + s.name() + ".inspect_ms", median, "ms", null);
            Bench.figure("media." + s.name() + ".original_bytes", s.bytes().length, "bytes", null);
            Bench.figure("media." + s.name() + ".sent_ratio", ratio, "ratio", "target<=1");
        }
        Bench.figure("media.inspect_ms_median", median(allMs.stream().mapToDouble(Double::doubleValue).toArray()), "ms", "target<=3000");
        Bench.figure("media.sent_ratio_median", median(ratios.stream().mapToDouble(Double::doubleValue).toArray()), "ratio", "target<=1");
        Bench.end("media");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** A smooth interference pattern with fine detail: compresses like a photograph, unlike flat test cards. */
    private static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        double a = 0.002 + seed * 0.0005;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (int) (127 + 127 * Math.sin(x * a + y * a * 0.7));
                int g = (int) (127 + 127 * Math.sin(Math.hypot(x - width / 2.0, y - height / 2.0) * a * 3));
                int b = (int) (127 + 127 * Math.sin((x ^ y) * 0.01 + seed));
                pixels[y * width + x] = (r << 16) | (g << 8) | b;
            }
        }
        return image;
    }

    /** Random pixels: incompressible, so the PNG is above Telegram's 10 MB. */
    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        new Random(seed).ints(pixels.length, 0, 0x1000000).forEach(new java.util.function.IntConsumer() {
            private int at;

            @Override
            public void accept(int value) {
                pixels[at++] = value;
            }
        });
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
