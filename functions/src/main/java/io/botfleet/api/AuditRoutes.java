package io.botfleet.api;

import io.botfleet.audit.AuditEntry;
import io.botfleet.audit.AuditLog;
import io.botfleet.audit.AuditStore;
import io.botfleet.audit.DynamoAuditStore;
import io.botfleet.auth.Permission;
import io.botfleet.shared.csv.CsvExport;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import io.botfleet.shared.ids.Ulid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code GET /api/audit} (filters, cursor paging) and {@code GET /api/audit.csv} (the same filters, as CSV). */
public final class AuditRoutes {
    static final int CSV_MAX_ROWS = 10_000;
    static final Duration DEFAULT_SPAN = Duration.ofDays(90);
    static final Set<String> OUTCOMES = Set.of("success", "denied", "failed");
    static final String[] CSV_HEADER = {"id", "at", "actorType", "actorId", "actorRole", "action", "path", "targetType",
        "targetId", "botId", "status", "outcome", "requestId", "ip", "userAgent"};

    private AuditRoutes() {}

    public record Listing(List<AuditEntry> entries, String nextCursor) {}

    public static List<Route> routes(AuditLog audit, Clock clock) {
        return List.of(
                new Route("GET", "/api/audit", Route.Access.requires(Permission.AUDIT_READ), (request, caller) -> {
                    AuditStore.Page page = audit.page(query(request, caller, clock, QueryParams.integer(request, "limit", 50, 1, 200)));
                    return HttpResponse.json(200, new Listing(page.entries(), page.next().orElse(null)));
                }),
                new Route("GET", "/api/audit.csv", Route.Access.requires(Permission.AUDIT_READ), (request, caller) -> {
                    AuditStore.Query q = query(request, caller, clock, 200);
                    CsvExport csv = new CsvExport(CSV_HEADER);
                    Optional<String> cursor = q.before();
                    do {
                        AuditStore.Page page = audit.page(q.withPage(Math.min(200, CSV_MAX_ROWS - csv.rows()), cursor));
                        page.entries().forEach(e -> row(csv, e));
                        cursor = page.next();
                    } while (cursor.isPresent() && csv.rows() < CSV_MAX_ROWS);
                    return csv.response("audit.csv");
                }));
    }

    /** The request's filters, within the bots the caller may read (a bot-scoped caller never sees other entries). */
    static AuditStore.Query query(HttpRequest request, Caller caller, Clock clock, int limit) {
        Instant now = clock.instant();
        Instant to = QueryParams.instant(request, "to").orElse(now);
        Instant from = QueryParams.instant(request, "from").orElse(to.minus(DEFAULT_SPAN));
        List<Problem.FieldError> errors = new ArrayList<>();
        if (from.isAfter(to)) {
            errors.add(new Problem.FieldError("from", "OUT_OF_RANGE", "must not be after 'to'"));
        }
        if (Duration.between(from, to).compareTo(DynamoAuditStore.RETENTION) > 0) {
            errors.add(new Problem.FieldError("from", "OUT_OF_RANGE", "the range may span at most 400 days"));
        }
        Optional<String> outcome = QueryParams.text(request, "outcome", 16);
        if (outcome.isPresent() && !OUTCOMES.contains(outcome.get())) {
            errors.add(new Problem.FieldError("outcome", "NOT_ALLOWED", "must be one of: success, denied, failed"));
        }
        Optional<String> cursor = QueryParams.text(request, "cursor", 26);
        if (cursor.isPresent() && !Ulid.isValid(cursor.get())) {
            errors.add(new Problem.FieldError("cursor", "INVALID", "is not a cursor this API returned"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new AuditStore.Query(QueryParams.text(request, "actor", 64), QueryParams.text(request, "action", 200),
                outcome, QueryParams.text(request, "botId", 64), QueryParams.text(request, "targetId", 200), from, to,
                limit, cursor, caller.requirePrincipal().botScope());
    }

    static void row(CsvExport csv, AuditEntry e) {
        csv.row(e.id(), e.at(), e.actorType(), e.actorId(), e.actorRole(), e.action(), e.path(), e.targetType(), e.targetId(),
                e.botId(), e.status(), e.outcome(), e.requestId(), e.ip(), e.userAgent());
    }
}
