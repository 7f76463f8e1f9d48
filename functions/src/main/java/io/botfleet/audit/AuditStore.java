package io.botfleet.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Append-only audit storage, newest first. Implemented on DynamoDB by {@link DynamoAuditStore}. */
public interface AuditStore {

    /**
     * Filters of a listing; {@code before} is an exclusive cursor (the id of the last entry seen). {@code readableBots}
     * empty means every entry may be read; otherwise only entries of those bots (never entries tied to no bot).
     */
    record Query(Optional<String> actorId, Optional<String> action, Optional<String> outcome, Optional<String> botId,
                 Optional<String> targetId, Instant from, Instant to, int limit, Optional<String> before,
                 Set<String> readableBots) {
        public Query {
            readableBots = Set.copyOf(readableBots);
        }

        public Query withPage(int pageLimit, Optional<String> pageBefore) {
            return new Query(actorId, action, outcome, botId, targetId, from, to, pageLimit, pageBefore, readableBots);
        }
    }

    record Page(List<AuditEntry> entries, Optional<String> next) {}

    void append(AuditEntry entry);

    Page page(Query query);
}
