package io.botfleet.api;

import io.botfleet.health.HealthReport;
import io.botfleet.health.HealthService;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import java.util.List;

/**
 * {@code GET /health}: the shallow check for load balancers, 200 {@code {"status":"ok"}} from the function alone, so a
 * dependency's outage does not take every instance out of rotation. {@code GET /api/health}: the deep check, 200 with
 * every dependency's status, or 503 naming the ones that are down.
 */
public final class HealthRoutes {
    private HealthRoutes() {}

    /** The shallow check's body. */
    record Alive(String status) {}

    private static final Alive ALIVE = new Alive("ok");

    public static List<Route> routes(HealthService health) {
        return List.of(new Route("GET", "/health", Route.Access.PROBE, (request, caller) -> HttpResponse.json(200, ALIVE)),
                new Route("GET", "/api/health", Route.Access.PUBLIC, (request, caller) -> {
            HealthReport report = health.check();
            if (report.healthy()) {
                return HttpResponse.json(200, report);
            }
            Problem problem = Problem.of(503, "DEPENDENCY_DOWN", "Service unavailable",
                    "Down: " + String.join(", ", report.down()));
            return HttpResponse.json(503, new Degraded(problem, report))
                    .withHeader("content-type", Problem.CONTENT_TYPE).withHeader("retry-after", "5");
        }));
    }

    /** A problem body that also carries the full report. */
    record Degraded(String type, String title, int status, String detail, String code, String healthStatus,
                    java.util.Map<String, HealthReport.DependencyStatus> dependencies) {
        Degraded(Problem p, HealthReport r) {
            this(p.type(), p.title(), p.status(), p.detail(), p.code(), r.status(), r.dependencies());
        }
    }
}
