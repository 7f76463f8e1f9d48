package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.api.ApiHarness.Session;
import io.botfleet.auth.Permission;
import io.botfleet.auth.Role;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the real route table × every role: allowed where the permission table says so, 403 otherwise, 401
 * without credentials; a user restricted to some bots gets 403 BOT_OUT_OF_SCOPE for any other bot. Built from
 * ApiWiring's routes, so a route added anywhere is covered (and must be public on purpose, documented in openapi.json
 * and in docs/permissions.md).
 */
@LocalAws
class RouteMatrixIT {
    /** Routes anyone may call. Adding one here is a security decision: review it. */
    static final Set<String> PUBLIC = Set.of(
            "GET /health", "GET /api/health", "GET /api/openapi.json", "GET /api/setup", "POST /api/setup",
            "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/invites/accept");
    /**
     * Routes without a {botId} in their path that a bot-scoped caller may use: each keeps to the caller's bots itself
     * (filters its items, checks the bot of the campaign it names) or touches no bot's data. Adding one here is a
     * security decision too; a route acting on every bot is declared {@link Route.Access#requiresAllBots} instead.
     */
    static final Set<String> KEEPS_TO_CALLERS_BOTS = Set.of(
            "GET /api/bots", "GET /api/audit", "GET /api/audit.csv",
            // the day's figures of the bots the caller may see, filtered as GET /api/bots filters them
            "GET /api/stats/today",
            "GET /api/me", "POST /api/auth/logout", "POST /api/me/password",
            "GET /api/campaigns/{campaignId}", "PUT /api/campaigns/{campaignId}",
            "POST /api/campaigns/{campaignId}/start", "POST /api/campaigns/{campaignId}/pause",
            "POST /api/campaigns/{campaignId}/resume", "POST /api/campaigns/{campaignId}/cancel",
            "POST /api/campaigns/{campaignId}/test", "GET /api/campaigns/{campaignId}/progress",
            "GET /api/campaigns/{campaignId}/deliveries", "GET /api/campaigns/{campaignId}/deliveries.csv",
            "PUT /api/campaigns/{campaignId}/schedule", "DELETE /api/campaigns/{campaignId}/schedule",
            "GET /api/campaigns/{campaignId}/runs",
            // the media library belongs to no bot: uploading and reading it touches no bot's data
            "POST /api/media/uploads", "GET /api/media", "GET /api/media/{mediaId}",
            // orders filter the list by their bot, check the bot of the campaign or order they name; advertisers are
            // only names and contacts (creating and changing them is declared for callers with every bot)
            "GET /api/ads", "POST /api/ads", "GET /api/ads/{orderId}", "PATCH /api/ads/{orderId}",
            "GET /api/ads/{orderId}/report", "GET /api/ads/{orderId}/report.csv",
            "GET /api/advertisers", "GET /api/advertisers/{advertiserId}",
            // only owners and admins hold users_manage and api_keys_manage, only the owner raw_data_read and backups,
            // and they are never bot-scoped
            "GET /api/users", "PATCH /api/users/{userId}", "GET /api/invites", "POST /api/invites",
            "DELETE /api/invites/{inviteId}", "GET /api/api-keys", "POST /api/api-keys", "DELETE /api/api-keys/{prefix}",
            "GET /api/data/tables", "GET /api/data/tables/{table}",
            "GET /api/ops/exports", "POST /api/ops/exports", "GET /api/ops/imports", "POST /api/ops/imports");
    static final String IN_SCOPE_BOT = "111";
    static final String OTHER_BOT = "222";
    static final String ABSENT_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

    static ApiHarness api;
    static final Map<Role, Session> sessions = new EnumMap<>(Role.class);
    static Session scopedEditor;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        api = ApiHarness.start(stack);
        Session owner = api.setupOwner();
        sessions.put(Role.OWNER, owner);
        sessions.put(Role.ADMIN, api.createUser(owner, "admin", List.of()));
        sessions.put(Role.EDITOR, api.createUser(owner, "editor", List.of()));
        sessions.put(Role.ANALYST, api.createUser(owner, "analyst", List.of()));
        scopedEditor = api.createUser(owner, "editor", List.of(IN_SCOPE_BOT));
    }

    static String fill(String template, String botId) {
        return template.replace("{botId}", botId).replaceAll("\\{[^}]+}", ABSENT_ID);
    }

    /** Keeps a session usable: routes like logout end the session they are called with. */
    static Session fresh(Session s) {
        if (api.call("GET", "/api/me").as(s).send().status() == 200) {
            return s;
        }
        return api.login(s.email(), ApiHarness.PASSWORD);
    }

    static ApiHarness.Response send(Route route, String path, Session session) {
        ApiHarness.Call call = api.call(route.method(), path);
        if (session != null) {
            call.as(session);
        }
        if (route.mutating()) {
            call.json("{}");
        }
        return call.send();
    }

    @Test
    void everyRouteHasAnExplicitRuleAndPublicRoutesAreOnTheReviewedList() {
        assertThat(api.api.routes()).isNotEmpty();
        for (Route route : api.api.routes()) {
            String name = route.method() + " " + route.template();
            if (route.access().open()) {
                assertThat(PUBLIC).as("%s is public but not on the reviewed list", name).contains(name);
            } else {
                assertThat(PUBLIC).as("%s", name).doesNotContain(name);
            }
        }
    }

    @Test
    void everyRoleGetsExactlyWhatThePermissionTableGrants() {
        List<String> checked = new ArrayList<>();
        for (Route route : api.api.routes()) {
            if (!(route.access() instanceof Route.Access.Requires requires)) {
                continue;
            }
            String name = route.method() + " " + route.template();
            String path = fill(route.template(), IN_SCOPE_BOT);
            var anonymous = send(route, path, null);
            assertThat(anonymous.status()).as("%s without credentials: %s", name, anonymous.text()).isEqualTo(401);
            for (Role role : Role.values()) {
                Session session = fresh(sessions.get(role));
                sessions.put(role, session);
                var response = send(route, path, session);
                boolean allowed = role.permissions().contains(requires.permission())
                        || requires.permission() == Permission.AUTHENTICATED;
                if (allowed) {
                    assertThat(response.status()).as("%s as %s must be allowed: %s", name, role, response.text())
                            .isNotIn(401, 403);
                } else {
                    assertThat(response.status()).as("%s as %s must be denied: %s", name, role, response.text()).isEqualTo(403);
                    assertThat(response.code()).isEqualTo("FORBIDDEN");
                }
                checked.add(name + " " + role);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(4 * 10);
    }

    @Test
    void aUserRestrictedToSomeBotsCannotReachAnyOtherBot() {
        int botRoutes = 0;
        for (Route route : api.api.routes()) {
            if (!(route.access() instanceof Route.Access.Requires requires) || !route.template().contains("{botId}")) {
                continue;
            }
            String name = route.method() + " " + route.template();
            scopedEditor = fresh(scopedEditor);
            var other = send(route, fill(route.template(), OTHER_BOT), scopedEditor);
            if (Role.EDITOR.permissions().contains(requires.permission())) {
                assertThat(other.status()).as("%s for another bot: %s", name, other.text()).isEqualTo(403);
                assertThat(other.code()).isEqualTo("BOT_OUT_OF_SCOPE");
                var own = send(route, fill(route.template(), IN_SCOPE_BOT), fresh(scopedEditor));
                assertThat(own.status()).as("%s for its own bot: %s", name, own.text()).isNotIn(401, 403);
            } else {
                assertThat(other.status()).as("%s", name).isEqualTo(403);
            }
            botRoutes++;
        }
        // the pipeline applies the scope to any botId query parameter too, on every route
        scopedEditor = fresh(scopedEditor);
        var query = api.call("GET", "/api/me").as(scopedEditor).query("botId", OTHER_BOT).send().expect(403);
        assertThat(query.code()).isEqualTo("BOT_OUT_OF_SCOPE");
        api.call("GET", "/api/me").as(scopedEditor).query("botId", IN_SCOPE_BOT).send().expect(200);
        // an unrestricted editor reaches any bot
        api.call("GET", "/api/me").as(fresh(sessions.get(Role.EDITOR))).query("botId", OTHER_BOT).send().expect(200);
        System.out.println("bot-scoped routes checked: " + botRoutes);
    }

    @Test
    void routesOutsideAnyOneBotAreClosedToBotScopedCallersOrReviewed() {
        List<String> keyable = new ArrayList<>();
        for (Permission p : Permission.values()) {
            if (p != Permission.AUTHENTICATED && !io.botfleet.auth.ApiKeyService.NOT_FOR_KEYS.contains(p)) {
                keyable.add(p.name().toLowerCase(Locale.ROOT));
            }
        }
        String scopedKey = api.createApiKey(fresh(sessions.get(Role.OWNER)), keyable, List.of(IN_SCOPE_BOT));
        List<String> allBots = new ArrayList<>();
        for (Route route : api.api.routes()) {
            if (!(route.access() instanceof Route.Access.Requires requires) || route.template().contains("{botId}")) {
                continue;
            }
            String name = route.method() + " " + route.template();
            if (requires.reach() == Route.Access.Reach.ALL_BOTS) {
                var call = api.call(route.method(), fill(route.template(), IN_SCOPE_BOT)).bearer(scopedKey);
                if (route.mutating()) {
                    call.json("{}");
                }
                var response = call.send();
                assertThat(response.status()).as("%s with a bot-scoped key: %s", name, response.text()).isEqualTo(403);
                assertThat(response.code()).as(name).isEqualTo("ALL_BOTS_REQUIRED");
                allBots.add(name);
            } else {
                assertThat(KEEPS_TO_CALLERS_BOTS).as("%s is open to bot-scoped callers: keep it to their bots and list it, "
                        + "or declare it requiresAllBots", name).contains(name);
            }
        }
        assertThat(allBots).contains("POST /api/bots", "GET /api/ops/dead-letters", "GET /api/ops/dead-letters/{queue}",
                "POST /api/ops/dead-letters/{queue}/redrive", "POST /api/ops/dead-letters/{queue}/discard",
                "GET /api/ops/logs", "GET /api/ops/requests");
    }

    /** docs/permissions.md carries the matrix generated from the route table; it must match. */
    @Test
    void thePermissionsDocumentMatchesTheRouteTable() throws IOException {
        String expected = matrix(api.api.routes());
        Path doc = Path.of("..", "docs", "permissions.md");
        if (Boolean.getBoolean("botfleet.writeDocs")) {
            String text = Files.exists(doc) ? Files.readString(doc) : "";
            int a = text.indexOf(BEGIN);
            int b = text.indexOf(END);
            // the matrix ends with its own newline: the one after the old end marker is not kept twice
            String rest = a >= 0 && b > a ? text.substring(b + END.length()).replaceFirst("^\n", "") : null;
            Files.writeString(doc, rest != null ? text.substring(0, a) + expected + rest : text + expected);
        }
        Path generated = Path.of("target", "permissions-matrix.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, expected);
        assertThat(Files.readString(doc)).as("docs/permissions.md is out of date: replace its matrix with %s "
                + "(or run the test with -Dbotfleet.writeDocs=true)", generated.toAbsolutePath()).contains(expected);
    }

    static final String BEGIN = "<!-- route-matrix:begin (generated by RouteMatrixIT) -->";
    static final String END = "<!-- route-matrix:end -->";

    static String matrix(List<Route> routes) {
        StringBuilder out = new StringBuilder(BEGIN).append("\n");
        out.append("| Route | Permission | owner | admin | editor | analyst | API key |\n");
        out.append("|---|---|:-:|:-:|:-:|:-:|:-:|\n");
        TreeSet<String> rows = new TreeSet<>();
        for (Route r : routes) {
            String permission;
            StringBuilder marks = new StringBuilder();
            if (r.access() instanceof Route.Access.Requires req) {
                permission = "`" + req.permission().name().toLowerCase(Locale.ROOT) + "`";
                for (Role role : Role.values()) {
                    boolean ok = req.permission() == Permission.AUTHENTICATED || role.permissions().contains(req.permission());
                    marks.append(" ").append(ok ? "✓" : "—").append(" |");
                }
                boolean key = !io.botfleet.auth.ApiKeyService.NOT_FOR_KEYS.contains(req.permission());
                marks.append(" ").append(key ? "if scoped" : "never").append(" |");
            } else {
                permission = "public";
                marks.append(" ✓ | ✓ | ✓ | ✓ | ✓ |");
            }
            String bot = r.template().contains("{botId}") ? " (bot-scoped)"
                    : r.access() instanceof Route.Access.Requires rq && rq.reach() == Route.Access.Reach.ALL_BOTS
                    ? " (all bots: not for bot-scoped callers)" : "";
            rows.add("| `" + r.method() + " " + r.template() + "`" + bot + " | " + permission + " |" + marks + "\n");
        }
        rows.forEach(out::append);
        return out.append(END).append("\n").toString();
    }
}
