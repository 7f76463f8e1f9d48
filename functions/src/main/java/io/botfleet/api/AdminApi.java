package io.botfleet.api;

import io.botfleet.auth.Principal;
import io.botfleet.shared.http.ApiException;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.http.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's request pipeline: route, authenticate, authorize, handle, and turn every failure into a problem
 * response. Malformed input never becomes a 5xx; unexpected failures do, without internals in the body.
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
            "content-security-policy", "default-src 'none'; frame-ancestors 'none'");

    /** Finds who is calling from the request's credentials; empty when it carries none. */
    @FunctionalInterface
    public interface Authenticator {
        Optional<Principal> authenticate(HttpRequest request);
    }

    private final List<Route> routes;
    private final Authenticator authenticator;

    public AdminApi(List<Route> routes, Authenticator authenticator) {
        this.routes = List.copyOf(routes);
        this.authenticator = authenticator;
    }

    public List<Route> routes() {
        return routes;
    }

    public HttpResponse handle(HttpRequest request) {
        HttpResponse response;
        try {
            response = dispatch(request);
        } catch (ApiException e) {
            response = e.toResponse(request.requestId());
        } catch (RuntimeException e) {
            log.error("unhandled error on {} {} (request {})", request.method(), request.path(), request.requestId(), e);
            response = Problem.of(500, "INTERNAL_ERROR", "Internal error",
                    "Something went wrong on our side; quote request id " + request.requestId())
                    .withInstance(request.requestId()).toResponse();
        }
        return response.withHeaders(SECURITY_HEADERS).withHeader("x-request-id", request.requestId());
    }

    private HttpResponse dispatch(HttpRequest request) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(request.path());
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                return invoke(route, request.withPathParameters(params.get()));
            }
        }
        if (pathKnown) {
            throw new ApiException(Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed",
                    request.method() + " is not supported on " + request.path()));
        }
        throw ApiException.notFound("NO_ROUTE", "No API route " + request.path());
    }

    private HttpResponse invoke(Route route, HttpRequest request) {
        String ip = request.sourceIp();
        String agent = request.header("user-agent").orElse("");
        Caller caller = switch (route.access()) {
            case Route.Access.Public p -> new Caller(authenticator.authenticate(request), ip, agent, request.requestId());
            case Route.Access.Requires r -> {
                Principal principal = authenticator.authenticate(request)
                        .orElseThrow(() -> ApiException.unauthorized("This route needs a valid access token or API key"));
                if (!principal.can(r.permission())) {
                    throw ApiException.forbidden("Your role does not allow " + route.method() + " " + route.template());
                }
                yield new Caller(Optional.of(principal), ip, agent, request.requestId());
            }
        };
        return route.handler().handle(request, caller);
    }
}
