package io.botfleet.backup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The platform's tables, an entity at a time, as an export's rows: one row a line, gzip-compressed. Every row read back
 * is parsed as the entity's own store parses it, so an import writes nothing the platform could not read.
 */
public interface EntityTables {

    /** A row an import refuses: which line of the file and why. */
    final class RowRefused extends RuntimeException {
        public RowRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** Writes the entity's rows to {@code file}; the number of rows. */
    long dump(BackupEntity entity, Path file);

    /** Parses every row of {@code file} without writing; the number of rows, or {@link RowRefused}. */
    long check(BackupEntity entity, Path file);

    /** Writes every row of {@code file} into the tables (a row already there is written again, unchanged). */
    long restore(BackupEntity entity, Path file);

    /** The first entity whose tables hold anything: an import goes only into an empty stack. */
    Optional<BackupEntity> firstHoldingData();
}
