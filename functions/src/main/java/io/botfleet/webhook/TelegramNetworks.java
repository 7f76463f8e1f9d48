package io.botfleet.webhook;

/** Telegram's webhook source ranges: 149.154.160.0/20 and 91.108.4.0/22. */
final class TelegramNetworks {
    private TelegramNetworks() {}

    static boolean contains(String ip) {
        try {
            String[] parts = ip.split("\\.");
            if (parts.length != 4) {
                return false;
            }
            int v = 0;
            for (String part : parts) {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    return false;
                }
                v = (v << 8) | octet;
            }
            return in(v, 149, 154, 160, 20) || in(v, 91, 108, 4, 22);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean in(int v, int a, int b, int c, int bits) {
        int net = (a << 24) | (b << 16) | (c << 8);
        int mask = -1 << (32 - bits);
        return (v & mask) == (net & mask);
    }
}
