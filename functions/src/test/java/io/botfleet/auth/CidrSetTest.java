package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrSetTest {
    @Test
    void matchesIpv4AndIpv6Ranges() {
        CidrSet set = CidrSet.parse("10.0.0.0/8, 192.168.1.0/24 2001:db8::/32,203.0.113.7");
        assertThat(set.allows("10.255.0.1")).isTrue();
        assertThat(set.allows("11.0.0.1")).isFalse();
        assertThat(set.allows("192.168.1.200")).isTrue();
        assertThat(set.allows("192.168.2.1")).isFalse();
        assertThat(set.allows("2001:db8:1::5")).isTrue();
        assertThat(set.allows("2001:db9::5")).isFalse();
        assertThat(set.allows("203.0.113.7")).isTrue();
        assertThat(set.allows("203.0.113.8")).isFalse();
        assertThat(set.allows("::ffff:10.1.1.1")).isTrue();
        assertThat(set.allows("localhost")).isFalse();
        assertThat(set.allows("")).isFalse();
        assertThat(set.allows(null)).isFalse();
    }

    @Test
    void oddPrefixLengthsMaskPartialBytes() {
        CidrSet telegram = CidrSet.parse(CidrSet.TELEGRAM_WEBHOOK_SOURCES);
        assertThat(telegram.contains("149.154.160.1")).isTrue();
        assertThat(telegram.contains("149.154.175.255")).isTrue();
        assertThat(telegram.contains("149.154.176.0")).isFalse();
        assertThat(telegram.contains("91.108.7.255")).isTrue();
        assertThat(telegram.contains("91.108.8.0")).isFalse();
    }

    @Test
    void emptyAllowsEverythingAndGarbageIsRefused() {
        assertThat(CidrSet.parse("").allows("1.2.3.4")).isTrue();
        assertThat(CidrSet.parse(" ").isEmpty()).isTrue();
        for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/x", "::/129", "1.2.3.4/8/1"}) {
            assertThatThrownBy(() -> CidrSet.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
