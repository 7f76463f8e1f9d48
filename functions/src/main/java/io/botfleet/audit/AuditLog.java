package io.botfleet.audit;

import io.botfleet.shared.ids.Ulid;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records audit entries. The admin API pipeline calls {@link #record} for every mutating request, so no handler can
 * forget; a failed write is logged (without request contents) and does not change the response the caller gets.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_USER_AGENT = 256;

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the pipeline knows about a finished request. */
    public record Event(String actorType, String actorId, String actorRole, String action, String path,
                        String targetType, String targetId, String botId, int status, String requestId, String ip,
                        String userAgent) {}

    public void record(Event e) {
        Instant now = clock.instant();
        AuditEntry entry = new AuditEntry(Ulid.next(now), now, e.actorType(), e.actorId(), e.actorRole(), e.action(),
                e.path(), e.targetType(), e.targetId(), e.botId(), e.status(), AuditEntry.outcomeOf(e.status()),
                e.requestId(), e.ip(), truncate(e.userAgent()));
        try {
            store.append(entry);
        } catch (RuntimeException ex) {
            log.error("audit entry not written: action={} status={} requestId={} ({})", e.action(), e.status(),
                    e.requestId(), ex.getClass().getSimpleName());
        }
    }

    public AuditStore.Page page(AuditStore.Query query) {
        return store.page(query);
    }

    private static String truncate(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_USER_AGENT ? value : value.substring(0, MAX_USER_AGENT);
    }
}
