package io.botfleet.broadcast.send;

import java.io.ByteArrayOutputStream;

/**
 * A list of longs as bytes: each the zig-zag varint of its difference to the one before. A ledger chunk's chat ids
 * and message ids stored this way take a few bytes each instead of a list element each: the item is smaller (fewer
 * write units at every checkpoint) and one value to marshal instead of hundreds (less CPU per message).
 */
final class PackedLongs {
    private PackedLongs() {}

    static byte[] pack(long[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(values.length * 3 + 1);
        long previous = 0;
        for (long value : values) {
            long delta = value - previous;
            previous = value;
            long zigzag = (delta << 1) ^ (delta >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                out.write((int) ((zigzag & 0x7F) | 0x80));
                zigzag >>>= 7;
            }
            out.write((int) zigzag);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not {@code count} packed longs */
    static long[] unpack(byte[] bytes, int count) {
        long[] values = new long[count];
        int at = 0;
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long zigzag = 0;
            int shift = 0;
            while (true) {
                if (at >= bytes.length || shift > 63) {
                    throw new IllegalArgumentException("packed longs end before value " + i + " of " + count);
                }
                byte b = bytes[at++];
                zigzag |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
            previous += (zigzag >>> 1) ^ -(zigzag & 1);
            values[i] = previous;
        }
        if (at != bytes.length) {
            throw new IllegalArgumentException("packed longs hold more than " + count + " values");
        }
        return values;
    }

    /** How many longs the bytes hold (each ends with a byte below 0x80). */
    static int count(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b >= 0) {
                n++;
            }
        }
        return n;
    }
}
