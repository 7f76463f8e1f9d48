package io.botfleet.broadcast.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PackedLongsTest {

    @Test
    void keepsEveryValueInOrderWhateverItsSignOrSize() {
        long[] values = {0, 1, -1, 9_000_000_123L, -1_001_234_567_890L, Long.MAX_VALUE, Long.MIN_VALUE, 0, 42, 41};
        byte[] packed = PackedLongs.pack(values);
        assertThat(PackedLongs.count(packed)).isEqualTo(values.length);
        assertThat(PackedLongs.unpack(packed, values.length)).containsExactly(values);
    }

    @Test
    void neighbouringChatIdsTakeAFewBytesEach() {
        long[] chats = new long[100];
        for (int i = 0; i < chats.length; i++) {
            chats[i] = 7_000_000_000L + i * 37L;
        }
        // the first value carries the magnitude, the rest only their distance to the one before
        assertThat(PackedLongs.pack(chats).length).isLessThan(6 + 99 * 2);
        assertThat(PackedLongs.pack(new long[100]).length).isEqualTo(100);
    }

    @Test
    void refusesBytesThatDoNotHoldTheCountAsked() {
        byte[] packed = PackedLongs.pack(new long[] {5, 6, 7});
        assertThatThrownBy(() -> PackedLongs.unpack(packed, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedLongs.unpack(packed, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PackedLongs.unpack(new byte[0], 0)).isEmpty();
    }
}
