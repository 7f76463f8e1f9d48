package io.botfleet.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Append-only audit storage, newest first. Implemented on DynamoDB by {@link DynamoAuditStore}. */
public interface AuditStore {

    /** Filters of a listing; {@code before} is an exclusive cursor (the id of the last entry seen). */
    record Query(Optional<String> actorId, Optional<String> action, Optional<String> outcome, Optional<String> botId,
                 Optional<String> targetId, Instant from, Instant to, int limit, Optional<String> before) {}

    record Page(List<AuditEntry> entries, Optional<String> next) {}

    void append(AuditEntry entry);

    Page page(Query query);
}
