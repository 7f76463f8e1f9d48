package io.botfleet.media;

import java.util.Optional;

/**
 * An MP4's duration and picture size, read from its movie header ({@code moov/mvhd}) and the first visual track
 * header ({@code trak/tkhd}): a walk over box headers, no decoding.
 */
public final class VideoFacts {
    public record Facts(Optional<Double> durationSeconds, Optional<PhotoCodec.Size> size) {}

    private VideoFacts() {}

    public static Facts of(byte[] mp4) {
        Optional<Double> duration = Optional.empty();
        Optional<PhotoCodec.Size> size = Optional.empty();
        int moov = find(mp4, 0, mp4.length, "moov");
        if (moov < 0) {
            return new Facts(duration, size);
        }
        int moovEnd = end(mp4, moov);
        int mvhd = find(mp4, moov + 8, moovEnd, "mvhd");
        if (mvhd >= 0 && mvhd + 32 <= moovEnd) {
            int version = mp4[mvhd + 8] & 0xFF;
            long timescale;
            long units;
            if (version == 1) {
                timescale = u32(mp4, mvhd + 28);
                units = (u32(mp4, mvhd + 32) << 32) | u32(mp4, mvhd + 36);
            } else {
                timescale = u32(mp4, mvhd + 20);
                units = u32(mp4, mvhd + 24);
            }
            if (timescale > 0) {
                duration = Optional.of(Math.round(units * 1000.0 / timescale) / 1000.0);
            }
        }
        for (int trak = find(mp4, moov + 8, moovEnd, "trak"); trak >= 0 && size.isEmpty();
             trak = find(mp4, end(mp4, trak), moovEnd, "trak")) {
            int tkhd = find(mp4, trak + 8, end(mp4, trak), "tkhd");
            if (tkhd >= 0) {
                int version = mp4[tkhd + 8] & 0xFF;
                int at = tkhd + (version == 1 ? 96 : 84);
                if (at + 8 <= end(mp4, tkhd)) {
                    int w = (int) (u32(mp4, at) >>> 16);
                    int h = (int) (u32(mp4, at + 4) >>> 16);
                    if (w > 0 && h > 0) {
                        size = Optional.of(new PhotoCodec.Size(w, h));
                    }
                }
            }
        }
        return new Facts(duration, size);
    }

    /** The offset of the first box named {@code type} among the sibling boxes in [from, to), or -1. */
    private static int find(byte[] b, int from, int to, String type) {
        int at = from;
        while (at + 8 <= to) {
            long size = u32(b, at);
            if (size == 1 && at + 16 <= to) {
                size = (u32(b, at + 8) << 32) | u32(b, at + 12);
            } else if (size == 0) {
                size = to - at;
            }
            if (size < 8) {
                return -1;
            }
            if (b[at + 4] == type.charAt(0) && b[at + 5] == type.charAt(1) && b[at + 6] == type.charAt(2)
                    && b[at + 7] == type.charAt(3)) {
                return at;
            }
            if (at + size > to) {
                return -1;
            }
            at += (int) size;
        }
        return -1;
    }

    private static int end(byte[] b, int box) {
        long size = u32(b, box);
        if (size == 1) {
            size = (u32(b, box + 8) << 32) | u32(b, box + 12);
        } else if (size == 0) {
            size = b.length - box;
        }
        return (int) Math.min(b.length, box + size);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
