package io.botfleet.api;

import io.botfleet.shared.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** {@code GET /api/openapi.json}: the admin API's contract (functions/src/main/resources/openapi.json). */
public final class OpenApiRoutes {
    public static final String RESOURCE = "/openapi.json";

    private OpenApiRoutes() {}

    public static byte[] document() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Route> routes() {
        byte[] document = document();
        return List.of(new Route("GET", "/api/openapi.json", Route.Access.PUBLIC, (request, caller) ->
                new HttpResponse(200, Map.of("content-type", "application/json"), document)));
    }
}
