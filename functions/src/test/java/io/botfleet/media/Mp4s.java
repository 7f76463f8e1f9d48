package io.botfleet.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Minimal ISO-BMFF files: ftyp, then moov with mvhd and one track header (no media data; enough for the facts). */
public final class Mp4s {
    private Mp4s() {}

    /** A movie of {@code units / timescale} seconds. */
    public static byte[] video(int width, int height, long timescale, long units) {
        byte[] ftyp = box("ftyp", concat("isom".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0, 2, 0},
                "isomiso2mp41".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0).putInt(0).putInt(0).putInt((int) timescale).putInt((int) units);
        ByteBuffer tkhd = ByteBuffer.allocate(84);
        tkhd.position(76);
        tkhd.putInt(width << 16).putInt(height << 16);
        byte[] moov = box("moov", concat(box("mvhd", mvhd.array()), box("trak", box("tkhd", tkhd.array()))));
        return concat(ftyp, moov, box("mdat", new byte[64]));
    }

    static byte[] box(String type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(payload);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
