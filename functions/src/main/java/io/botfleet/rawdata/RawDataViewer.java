package io.botfleet.rawdata;

import io.botfleet.shared.errors.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The owner's read-only view of every table, a page at a time, with secrets redacted. */
public final class RawDataViewer {
    private final RawTables tables;

    public RawDataViewer(RawTables tables) {
        this.tables = tables;
    }

    public List<String> tables() {
        return tables.names();
    }

    public RawTables.Page page(String table, Optional<Map<String, String>> after, int limit) {
        if (!tables.names().contains(table)) {
            throw Refusal.notFound("TABLE_NOT_FOUND", "No table " + table);
        }
        RawTables.Page page = tables.scan(table, after, limit);
        return new RawTables.Page(page.items().stream().map(Redaction::redact).toList(), page.lastKey());
    }
}
