package io.botfleet.api;

import io.botfleet.audit.AuditLog;
import io.botfleet.auth.CidrSet;
import io.botfleet.auth.Principal;
import io.botfleet.auth.RateLimiter;
import io.botfleet.shared.errors.Refusal;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's request pipeline, the one place every request passes through:
 * <ol>
 *   <li>a probe route ({@link Route.Access.Probe}) is answered at once, before everything below</li>
 *   <li>IP allowlist (403), CORS preflight for the dashboard's origin only</li>
 *   <li>route (404/405)</li>
 *   <li>authenticate (401 for a bad credential; public routes ignore one)</li>
 *   <li>rate limit per user, key or IP (429 + Retry-After)</li>
 *   <li>authorize: the route's {@link Route.Access} against the principal's permissions (403), a bot-scoped principal
 *       on a route that acts on every bot (403 ALL_BOTS_REQUIRED), and the bot scope for a {@code {botId}} path or
 *       {@code botId} query parameter (403 BOT_OUT_OF_SCOPE)</li>
 *   <li>body envelope: size (413), JSON content type (415), well-formed (400)</li>
 *   <li>handler; then every mutating request is audited, whatever its outcome</li>
 * </ol>
 * Failures become RFC 9457 problems; malformed input never becomes a 5xx; unexpected failures do, without internals.
 */
public final class AdminApi {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);

    /** Headers on every response: the API serves JSON only and is never framed or sniffed. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "x-content-type-options", "nosniff",
            "x-frame-options", "DENY",
            "referrer-policy", "no-referrer",
            "cache-control", "no-store",
            "strict-transport-security", "max-age=63072000; includeSubDomains",
            "content-security-policy", "default-src 'none'; frame-ancestors 'none'",
            "cross-origin-resource-policy", "same-site",
            "permissions-policy", "camera=(), microphone=(), geolocation=()");

    static final String CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String CORS_HEADERS = "authorization, content-type, if-match, x-request-id";
    static final String CORS_EXPOSED = "retry-after, x-request-id, etag, location, content-disposition, x-next-cursor, x-truncated";

    /** Hears of every request once answered: its method, route template (never the raw path), status and time taken. */
    @FunctionalInterface
    public interface RequestObserver {
        /** The route of a request no route matched (a 404, 405, CORS preflight or refused address). */
        String UNMATCHED = "UNMATCHED";

        void answered(String method, String route, int status, long latencyNanos);
    }

    /** Finds who is calling from the request's credentials; empty when it carries none. */
    @FunctionalInterface
    public interface Authenticator {
        Optional<Principal> authenticate(HttpRequest request);
    }

    /** The edge protections around the routes; {@link #open} has none (for tests of single routes). */
    public record Edge(Authenticator authenticator, Optional<AuditLog> audit, Optional<RateLimiter> rateLimiter,
                       CidrSet ipAllowlist, String corsOrigin, Clock clock) {
        public static Edge open(Authenticator authenticator) {
            return new Edge(authenticator, Optional.empty(), Optional.empty(), CidrSet.parse(""), "", Clock.systemUTC());
        }
    }

    private final List<Route> routes;
    private final Edge edge;
    private RequestObserver observer = (method, route, status, latencyNanos) -> { };

    public AdminApi(List<Route> routes, Authenticator authenticator) {
        this(routes, Edge.open(authenticator));
    }

    public AdminApi(List<Route> routes, Edge edge) {
        this.routes = List.copyOf(routes);
        this.edge = edge;
        for (int i = 0; i < this.routes.size(); i++) {
            for (int j = i + 1; j < this.routes.size(); j++) {
                Route a = this.routes.get(i);
                Route b = this.routes.get(j);
                if (a.method().equals(b.method()) && a.template().equals(b.template())) {
                    throw new IllegalArgumentException("route registered twice: " + a.method() + " " + a.template());
                }
            }
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** Tells {@code observer} of every request from now on (once per function instance, when it is wired). */
    public AdminApi observedBy(RequestObserver observer) {
        this.observer = observer;
        return this;
    }

    /** Per-request state the audit step needs after the handler ran (or failed). */
    private static final class Exchange {
        Route route;
        Optional<Principal> principal = Optional.empty();
        HttpRequest request;
        Caller.AuditNote note = new Caller.AuditNote();
    }

    public HttpResponse handle(HttpRequest request) {
        long started = System.nanoTime();
        Exchange exchange = new Exchange();
        exchange.request = request;
        HttpResponse response;
        try {
            response = dispatch(request, exchange);
        } catch (ApiException e) {
            response = e.toResponse(request.requestId());
        } catch (Refusal e) {
            response = ApiException.of(e).toResponse(request.requestId());
        } catch (RuntimeException e) {
            log.error("unhandled error on {} {} (request {})", request.method(),
                    exchange.route == null ? "(no route)" : exchange.route.template(), request.requestId(), e);
            response = Problem.of(500, "INTERNAL_ERROR", "Internal error",
                    "Something went wrong on our side; quote request id " + request.requestId())
                    .withInstance(request.requestId()).toResponse();
        }
        if (exchange.route != null && exchange.route.mutating()) {
            audit(exchange, response.status());
        }
        HttpResponse answer = cors(request, response.withHeaders(SECURITY_HEADERS).withHeader("x-request-id", request.requestId()));
        try {
            observer.answered(request.method(), exchange.route == null ? RequestObserver.UNMATCHED : exchange.route.template(),
                    answer.status(), System.nanoTime() - started);
        } catch (RuntimeException e) {
            log.warn("request metrics not recorded: {}", e.toString());
        }
        return answer;
    }

    private HttpResponse dispatch(HttpRequest request, Exchange exchange) {
        for (Route route : routes) {
            if (route.access() instanceof Route.Access.Probe && route.method().equals(request.method())
                    && route.match(request.path()).isPresent()) {
                exchange.route = route;
                return route.handler().handle(request, new Caller(Optional.empty(), request.sourceIp(),
                        request.header("user-agent").orElse(""), request.requestId(), exchange.note));
            }
        }
        if (!edge.ipAllowlist().allows(request.sourceIp())) {
            throw new ApiException(Problem.of(403, "IP_NOT_ALLOWED", "Forbidden",
                    "Your network address may not use the admin API"));
        }
        if (request.method().equals("OPTIONS")) {
            return preflight(request);
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(request.path());
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                exchange.route = route;
                exchange.request = request.withPathParameters(params.get());
                return invoke(route, exchange.request, exchange);
            }
        }
        if (pathKnown) {
            throw new ApiException(Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                    request.method() + " is not supported on this path"));
        }
        throw ApiException.notFound("NO_ROUTE", "No such API route");
    }

    private HttpResponse invoke(Route route, HttpRequest request, Exchange exchange) {
        String ip = request.sourceIp();
        String agent = request.header("user-agent").orElse("");
        Optional<Principal> principal = switch (route.access()) {
            case Route.Access.Probe p -> Optional.empty(); // answered in dispatch, before any of this
            case Route.Access.Public p -> {
                try {
                    yield edge.authenticator().authenticate(request);
                } catch (ApiException | Refusal e) {
                    yield Optional.empty(); // a stale token does not stop a public route
                }
            }
            case Route.Access.Requires r -> {
                try {
                    yield Optional.of(edge.authenticator().authenticate(request)
                            .orElseThrow(() -> ApiException.unauthorized("This route needs a valid access token or API key")));
                } catch (ApiException | Refusal e) {
                    limitRate(Optional.empty(), ip); // guessing credentials counts against the address
                    throw e;
                }
            }
        };
        exchange.principal = principal;
        limitRate(principal, ip);
        if (route.access() instanceof Route.Access.Requires r) {
            Principal p = principal.orElseThrow();
            if (!p.can(r.permission())) {
                throw ApiException.forbidden("Your role does not allow " + route.method() + " " + route.template());
            }
            if (r.reach() == Route.Access.Reach.ALL_BOTS && p.scoped()) {
                throw new ApiException(Problem.of(403, "ALL_BOTS_REQUIRED", "Forbidden",
                        "This route acts on every bot; your access is restricted to some bots"));
            }
        }
        principal.ifPresent(p -> {
            String pathBot = request.pathParameters().get("botId");
            String queryBot = request.query().get("botId");
            if ((pathBot != null && !p.canAccessBot(pathBot)) || (queryBot != null && !p.canAccessBot(queryBot))) {
                throw Caller.outOfScope();
            }
        });
        RequestBody.checkEnvelope(request);
        Caller caller = new Caller(principal, ip, agent, request.requestId(), exchange.note);
        return route.handler().handle(request, caller);
    }

    private void limitRate(Optional<Principal> principal, String ip) {
        if (edge.rateLimiter().isEmpty()) {
            return;
        }
        String subject = principal.map(p -> (p.kind() == Principal.Kind.API_KEY ? "key:" : "user:") + p.id())
                .orElse("ip:" + ip);
        RateLimiter.Decision decision;
        try {
            decision = edge.rateLimiter().get().acquire(subject, edge.clock().instant());
        } catch (RuntimeException e) {
            // fail open: a counter outage must not take the API down; API Gateway's throttling still applies
            log.warn("rate limiter unavailable ({}); request allowed", e.getClass().getSimpleName());
            return;
        }
        if (!decision.allowed()) {
            throw new ApiException(Problem.of(429, "RATE_LIMITED", "Too many requests",
                    "Rate limit of " + edge.rateLimiter().get().limit() + " requests per minute reached; retry after "
                            + decision.retryAfterSeconds() + " s"),
                    Map.of("retry-after", Long.toString(decision.retryAfterSeconds())));
        }
    }

    private HttpResponse preflight(HttpRequest request) {
        Optional<String> origin = request.header("origin");
        if (origin.isEmpty() || edge.corsOrigin().isEmpty() || !origin.get().equals(edge.corsOrigin())) {
            throw new ApiException(Problem.of(403, "CORS_ORIGIN_NOT_ALLOWED", "Forbidden",
                    "Cross-origin requests are allowed only from the dashboard"));
        }
        String method = request.header("access-control-request-method").orElse("").toUpperCase(Locale.ROOT);
        if (!CORS_METHODS.contains(method) || method.isEmpty()) {
            throw new ApiException(Problem.of(403, "CORS_METHOD_NOT_ALLOWED", "Forbidden", "Method not allowed"));
        }
        return HttpResponse.empty(204)
                .withHeader("access-control-allow-methods", CORS_METHODS)
                .withHeader("access-control-allow-headers", CORS_HEADERS)
                .withHeader("access-control-max-age", "600");
    }

    private HttpResponse cors(HttpRequest request, HttpResponse response) {
        Optional<String> origin = request.header("origin");
        if (origin.isPresent() && !edge.corsOrigin().isEmpty() && origin.get().equals(edge.corsOrigin())) {
            return response.withHeader("access-control-allow-origin", edge.corsOrigin())
                    .withHeader("access-control-expose-headers", CORS_EXPOSED)
                    .withHeader("vary", "Origin");
        }
        return response.withHeader("vary", "Origin");
    }

    private void audit(Exchange x, int status) {
        if (edge.audit().isEmpty()) {
            return;
        }
        Caller.AuditNote note = x.note;
        Route route = x.route;
        HttpRequest request = x.request;
        String actorType = note.actorType().orElse(x.principal
                .map(p -> p.kind() == Principal.Kind.API_KEY ? "apikey" : "user").orElse("anonymous"));
        String actorId = note.actorId().orElse(x.principal.map(Principal::id).orElse("anonymous"));
        String actorRole = note.actorRole().orElse(x.principal
                .map(p -> p.role() == null ? null : p.role().name().toLowerCase(Locale.ROOT)).orElse(null));
        String targetType = note.targetType().orElse(null);
        String targetId = note.targetId().orElse(null);
        if (targetType == null) {
            String[] segments = route.template().split("/");
            for (int i = segments.length - 1; i > 0; i--) {
                if (segments[i].startsWith("{")) {
                    targetType = segments[i - 1];
                    targetId = request.pathParameters().get(segments[i].substring(1, segments[i].length() - 1));
                    break;
                }
            }
        }
        String botId = note.botId().orElse(Optional.ofNullable(request.pathParameters().get("botId"))
                .orElse(request.query().get("botId")));
        edge.audit().get().record(new AuditLog.Event(actorType, actorId, actorRole,
                route.method() + " " + route.template(), truncate(request.path(), 512), targetType,
                truncate(targetId, 200), truncate(botId, 64), status, request.requestId(), request.sourceIp(),
                request.header("user-agent").orElse(null)));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
