package io.botfleet.telegram.emulator;

import java.util.Arrays;

/** File contents that pass (or deliberately fail) the emulator's checks of what a file is. */
final class FakeMedia {

    private FakeMedia() {
    }

    /** A PNG signature followed by filler: enough for a sniffer, not a decodable image. */
    static byte[] png() {
        byte[] bytes = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 64);
        Arrays.fill(bytes, 8, bytes.length, (byte) 7);
        return bytes;
    }

    /** A JPEG start-of-image marker followed by {@code size - 3} filler bytes. */
    static byte[] jpeg(int size) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }
}
