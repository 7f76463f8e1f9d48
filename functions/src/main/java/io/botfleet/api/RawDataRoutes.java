package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.rawdata.RawDataViewer;
import io.botfleet.rawdata.RawTables;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.paging.CursorCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/data/tables} and {@code GET /api/data/tables/{table}}: the owner's read-only raw data viewer, a
 * page of items at a time, secrets redacted.
 */
public final class RawDataRoutes {
    private RawDataRoutes() {}

    public static List<Route> routes(RawDataViewer viewer, CursorCodec cursors) {
        Route.Access owner = Route.Access.requires(Permission.RAW_DATA_READ);
        return List.of(
                new Route("GET", "/api/data/tables", owner, (request, caller) ->
                        HttpResponse.json(200, Map.of("tables", viewer.tables()))),
                new Route("GET", "/api/data/tables/{table}", owner, (request, caller) -> {
                    String table = request.pathParameter("table");
                    String scope = "raw#" + table;
                    Optional<Map<String, String>> after = cursors.decode(request.queryParameter("cursor"), scope);
                    RawTables.Page page = viewer.page(table, after, QueryParams.integer(request, "limit", 25, 1, 100));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("table", table);
                    body.put("items", page.items());
                    body.put("nextCursor", page.lastKey().map(key -> cursors.encode(key, scope)).orElse(null));
                    return HttpResponse.json(200, body);
                }));
    }
}
