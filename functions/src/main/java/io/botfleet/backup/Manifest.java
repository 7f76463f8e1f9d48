package io.botfleet.backup;

import io.botfleet.shared.errors.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code exports/<id>/manifest.json}, written last: an export without one is unfinished. An import reads only the
 * format version it knows and refuses any other with the reason.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this platform
 * @param startedAt     when the first table was read; each entity is a consistent read of its table from then on, not
 *                      a point in time across tables
 * @param excluded      what an admin might expect but the export leaves out, and why
 */
public record Manifest(int formatVersion, String exportId, Instant startedAt, Instant finishedAt,
                       List<EntityFile> entities, List<String> excluded) {

    public static final int FORMAT_VERSION = 1;

    public static final List<String> EXCLUDED = List.of(
            "bot tokens: secrets encrypted under this stack's key; every restored bot needs its token entered again",
            "users, sessions, API keys and invites: password and key hashes stay in the stack that made them; the "
                    + "restoring owner invites the team again",
            "ownership leases and webhook health: the restoring deployment claims each bot afresh",
            "parked webhook updates, update dedupe records, rate-limit windows, live connections, analytics dedupe "
                    + "records: short-lived and safe to lose",
            "media files: the records are here, the bytes stay in the media bucket (versioned); see docs/backup-restore.md");

    public Manifest {
        entities = List.copyOf(entities);
        excluded = List.copyOf(excluded);
    }

    /** Refuses an export this platform cannot read, naming why. */
    public void requireReadable() {
        if (formatVersion != FORMAT_VERSION) {
            throw Refusal.invalidField("export", "UNSUPPORTED_FORMAT_VERSION", "export " + exportId
                    + " has format version " + formatVersion + "; this platform reads version " + FORMAT_VERSION);
        }
        for (BackupEntity entity : BackupEntity.values()) {
            if (file(entity).isEmpty()) {
                throw Refusal.invalidField("export", "INCOMPLETE_EXPORT", "export " + exportId + " has no "
                        + entity.label() + " file");
            }
        }
    }

    public Optional<EntityFile> file(BackupEntity entity) {
        return entities.stream().filter(f -> f.name().equals(entity.label())).findFirst();
    }
}
