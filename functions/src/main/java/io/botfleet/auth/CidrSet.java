package io.botfleet.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of IPv4/IPv6 CIDR ranges, e.g. {@code ADMIN_IP_ALLOWLIST} or Telegram's webhook sources
 * ({@link #TELEGRAM_WEBHOOK_SOURCES}). An empty set allows every address. Only literal addresses are parsed (no DNS).
 */
public final class CidrSet {
    public static final String TELEGRAM_WEBHOOK_SOURCES = "149.154.160.0/20,91.108.4.0/22";

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private CidrSet(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses comma- or whitespace-separated CIDRs (a bare address means a single host); throws on a bad entry. */
    public static CidrSet parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        if (spec != null) {
            for (String entry : spec.split("[,\\s]+")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.trim().split("/", -1);
                byte[] network = literal(parts[0]).orElseThrow(() ->
                        new IllegalArgumentException("not an IP address in CIDR list: " + entry));
                int max = network.length * 8;
                int prefix;
                try {
                    prefix = parts.length == 1 ? max : Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in CIDR list: " + entry);
                }
                if (parts.length > 2 || prefix < 0 || prefix > max) {
                    throw new IllegalArgumentException("bad prefix length in CIDR list: " + entry);
                }
                ranges.add(new Range(network, prefix));
            }
        }
        return new CidrSet(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** True if the set is empty (no restriction) or {@code ip} is in a range. */
    public boolean allows(String ip) {
        return ranges.isEmpty() || contains(ip);
    }

    public boolean contains(String ip) {
        var address = literal(ip);
        if (address.isEmpty()) {
            return false;
        }
        byte[] bytes = address.get();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.Optional<byte[]> literal(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(t).getAddress();
            // IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 address
            if (bytes.length == 16 && isMapped(bytes)) {
                bytes = java.util.Arrays.copyOfRange(bytes, 12, 16);
            }
            return java.util.Optional.of(bytes);
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }
}
