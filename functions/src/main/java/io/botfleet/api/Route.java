package io.botfleet.api;

import io.botfleet.auth.Permission;
import io.botfleet.shared.http.HttpRequest;
import io.botfleet.shared.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One admin API route: method, path template ({@code /api/bots/{botId}}), who may call it and what it does.
 */
public record Route(String method, String template, Access access, Handler handler) {

    public Route {
        java.util.Objects.requireNonNull(access, "every route says who may call it");
        java.util.Objects.requireNonNull(handler, "handler");
        if (!template.startsWith("/api/") && !(access instanceof Access.Probe)) {
            throw new IllegalArgumentException("admin API routes live under /api/ (only a probe may not): " + template);
        }
        method = method.toUpperCase(java.util.Locale.ROOT);
    }

    /** Handles a matched request; the caller has already been authenticated and authorized. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request, Caller caller);
    }

    /** Who may call a route: anyone, or a caller holding a permission (and, for some routes, access to every bot). */
    public sealed interface Access {
        Access PUBLIC = new Public();
        Access PROBE = new Probe();

        record Public() implements Access {}

        /**
         * Anyone, from any address, answered before the pipeline (no allowlist, credentials, rate limit or audit): a
         * load balancer's liveness check, which must not depend on, or be refused by, anything behind the function.
         */
        record Probe() implements Access {}

        /** Whether a caller without credentials may call it. */
        default boolean open() {
            return !(this instanceof Requires);
        }

        record Requires(Permission permission, Reach reach) implements Access {}

        /** How far a route reaches beyond the bots a caller may be restricted to. */
        enum Reach {
            /** Bot-scoped callers may call it: it names one bot (checked by the pipeline) or keeps to theirs. */
            CALLERS_BOTS,
            /**
             * It acts on the fleet as a whole (a new bot, the shared dead-letter queues), so a caller restricted to
             * some bots would act outside them: only callers restricted to no bots may call it.
             */
            ALL_BOTS
        }

        static Access requires(Permission permission) {
            return new Requires(permission, Reach.CALLERS_BOTS);
        }

        static Access requiresAllBots(Permission permission) {
            return new Requires(permission, Reach.ALL_BOTS);
        }
    }

    private List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }

    public boolean mutating() {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** The path parameters if {@code path} fits this route's template. */
    public Optional<Map<String, String>> match(String path) {
        List<String> expected = segments();
        String[] actual = path.length() > 1 ? path.substring(1).split("/", -1) : new String[] {""};
        if (actual.length != expected.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            String e = expected.get(i);
            if (e.startsWith("{") && e.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(e.substring(1, e.length() - 1), java.net.URLDecoder.decode(actual[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!e.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
