package io.botfleet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.botfleet.auth.Permission;
import io.botfleet.backup.BackupJob;
import io.botfleet.backup.BackupRules;
import io.botfleet.backup.Backups;
import io.botfleet.backup.EntityFile;
import io.botfleet.shared.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/ops/exports} and {@code /api/ops/imports}: the owner exports every table to the backup bucket and
 * restores an export into an empty stack (docs/backup-restore.md). Both run in the backup function; these routes ask
 * for a job (202) and list them.
 */
public final class BackupRoutes {
    private BackupRoutes() {}

    /** {@code POST /api/ops/imports}: the export to restore. */
    record ImportBody(String export) implements Validation.Validatable {
        @Override
        public void validate(Validation v) {
            if (v.required("export", export)) {
                v.check(BackupRules.isExportId(export), "export", "INVALID_FORMAT",
                        "must be an export id as GET /api/ops/exports lists them, e.g. 20261201T101530123Z");
            }
        }
    }

    /** A job as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JobView(String id, String kind, String status, Instant requestedAt, String requestedBy, Instant finishedAt,
                   String reason, List<EntityView> entities) {

        record EntityView(String name, long count, long bytes, String sha256) {}

        static JobView of(BackupJob j) {
            return new JobView(j.exportId(), j.kind().name().toLowerCase(Locale.ROOT), j.status().name().toLowerCase(Locale.ROOT),
                    j.requestedAt(), j.requestedBy(), j.finishedAt().orElse(null), j.reason().orElse(null),
                    j.done().stream().map(JobView::entity).toList());
        }

        private static EntityView entity(EntityFile f) {
            return new EntityView(f.name(), f.count(), f.bytes(), f.sha256());
        }
    }

    public static List<Route> routes(Backups backups) {
        // every bot's data, out and in: the owner's alone (never bot-scoped, and no API key may hold it)
        Route.Access owner = Route.Access.requires(Permission.BACKUPS);
        return List.of(
                new Route("POST", "/api/ops/exports", owner, (request, caller) -> {
                    BackupJob job = backups.requestExport(caller.requirePrincipal().id());
                    caller.audit().target("export", job.exportId());
                    return HttpResponse.json(202, JobView.of(job));
                }),
                new Route("GET", "/api/ops/exports", owner, (request, caller) ->
                        HttpResponse.json(200, Map.of("exports", backups.exports().stream().map(JobView::of).toList()))),
                new Route("POST", "/api/ops/imports", owner, (request, caller) -> {
                    ImportBody body = RequestBody.parse(request, ImportBody.class);
                    caller.audit().target("export", body.export());
                    Backups.ImportStart start = backups.requestImport(body.export(), caller.requirePrincipal().id());
                    return HttpResponse.json(start.started() ? 202 : 200, JobView.of(start.job()));
                }),
                new Route("GET", "/api/ops/imports", owner, (request, caller) ->
                        HttpResponse.json(200, Map.of("imports", backups.imports().stream().map(JobView::of).toList()))));
    }
}
