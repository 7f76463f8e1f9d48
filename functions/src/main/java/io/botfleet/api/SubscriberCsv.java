package io.botfleet.api;

import io.botfleet.shared.csv.CsvExport;
import io.botfleet.subscribers.Subscriber;

/** The subscribers export's columns, one record per subscriber, written by the platform's CSV writer. */
public final class SubscriberCsv {
    static final String[] HEADER = {"chat_id", "status", "first_name", "username", "language", "tags", "source", "joined_at",
        "last_seen_at"};

    private SubscriberCsv() {}

    static CsvExport export() {
        return new CsvExport(HEADER);
    }

    static void row(CsvExport csv, Subscriber s) {
        csv.row(s.chatId(), s.status(), s.firstName(), s.username(), s.language(), String.join(" ", s.tags().stream().sorted().toList()),
                s.source(), s.joinedAt(), s.lastSeenAt().orElse(null));
    }
}
