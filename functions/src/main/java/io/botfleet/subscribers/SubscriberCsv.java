package io.botfleet.subscribers;

import java.time.Instant;
import java.util.Optional;

/** CSV rows (RFC 4180) of subscribers; cells that a spreadsheet would run as a formula are defused with a quote. */
public final class SubscriberCsv {
    public static final String HEADER = "chat_id,status,first_name,username,language,tags,source,joined_at,last_seen_at\r\n";

    private SubscriberCsv() {}

    public static String row(Subscriber s) {
        return String.join(",", cell(s.chatId()), cell(s.status()), cell(s.firstName()), cell(s.username()), cell(s.language()),
                cell(String.join(" ", s.tags().stream().sorted().toList())), cell(s.source()), cell(s.joinedAt().toString()),
                cell(s.lastSeenAt().map(Instant::toString).orElse(""))) + "\r\n";
    }

    static String cell(String value) {
        String v = Optional.ofNullable(value).orElse("");
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
