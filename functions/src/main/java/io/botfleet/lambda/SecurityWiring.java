package io.botfleet.lambda;

import io.botfleet.api.AdminApi;
import io.botfleet.api.ApiKeyRoutes;
import io.botfleet.api.AuditRoutes;
import io.botfleet.api.AuthRoutes;
import io.botfleet.api.BearerAuthenticator;
import io.botfleet.api.OpenApiRoutes;
import io.botfleet.api.Route;
import io.botfleet.api.UserRoutes;
import io.botfleet.audit.AuditLog;
import io.botfleet.audit.DynamoAuditStore;
import io.botfleet.auth.AccessChanges;
import io.botfleet.auth.ApiKeyService;
import io.botfleet.auth.CidrSet;
import io.botfleet.auth.DynamoApiKeyStore;
import io.botfleet.auth.DynamoCounters;
import io.botfleet.auth.DynamoInviteStore;
import io.botfleet.auth.DynamoSessionStore;
import io.botfleet.auth.DynamoUserStore;
import io.botfleet.auth.LoginBackoff;
import io.botfleet.auth.PasswordHasher;
import io.botfleet.auth.RateLimiter;
import io.botfleet.auth.SessionStore;
import io.botfleet.auth.SignIn;
import io.botfleet.auth.TokenService;
import io.botfleet.auth.UserAdministration;
import io.botfleet.auth.UserStore;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.config.PlatformConfig;
import io.botfleet.shared.secrets.PlatformKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the admin API's security: accounts, sessions, API keys, audit, rate limit, IP allowlist, CORS, and their
 * routes. {@link ApiWiring} calls {@link #create} once and passes {@link #edge()} to {@link AdminApi}.
 *
 * <p>Settings (environment): {@code ADMIN_IP_ALLOWLIST} (CIDRs; empty = any address), {@code DASHBOARD_ORIGIN} (the one
 * CORS origin), {@code API_RATE_LIMIT_PER_MINUTE} (per user, key or anonymous IP; default 600).
 */
public record SecurityWiring(List<Route> routes, AdminApi.Edge edge, SignIn signIn, UserAdministration team,
                             ApiKeyService apiKeys) {
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

    public static SecurityWiring create(Env env, PlatformConfig config, DynamoDbClient dynamo,
                                        Supplier<PlatformKeys> keys, Clock clock) {
        String accounts = config.tables().accounts();
        UserStore users = new DynamoUserStore(dynamo, accounts);
        SessionStore sessions = new DynamoSessionStore(dynamo, accounts);
        DynamoCounters counters = new DynamoCounters(dynamo, config.tables().ephemeral());
        PasswordHasher hasher = new PasswordHasher();
        AccessChanges dashboards = LiveWiring.liveSessions(env, config, dynamo, clock);
        SignIn signIn = new SignIn(users, sessions, hasher, new TokenService(keys), LoginBackoff.standard(counters),
                keys, dashboards, clock);
        UserAdministration team = new UserAdministration(users, new DynamoInviteStore(dynamo, accounts), sessions,
                hasher, dashboards, clock);
        ApiKeyService apiKeys = new ApiKeyService(new DynamoApiKeyStore(dynamo, accounts), clock);
        AuditLog audit = new AuditLog(new DynamoAuditStore(dynamo, config.tables().audit()), clock);
        int limit = Integer.parseInt(env.orDefault("API_RATE_LIMIT_PER_MINUTE", Integer.toString(DEFAULT_RATE_LIMIT_PER_MINUTE)));
        CidrSet allowlist;
        try {
            allowlist = CidrSet.parse(config.adminIpAllowlist());
        } catch (IllegalArgumentException e) {
            // fail closed: a typo in the allowlist must not open the API to everyone
            throw new IllegalStateException("ADMIN_IP_ALLOWLIST is invalid: " + e.getMessage(), e);
        }
        String inviteBase = (config.dashboardOrigin().isEmpty() ? config.publicBaseUrl().toString() : config.dashboardOrigin())
                .replaceAll("/+$", "") + "/accept-invite";

        List<Route> routes = new ArrayList<>();
        routes.addAll(AuthRoutes.routes(signIn, clock));
        routes.addAll(UserRoutes.routes(team, inviteBase));
        routes.addAll(ApiKeyRoutes.routes(apiKeys));
        routes.addAll(AuditRoutes.routes(audit, clock));
        routes.addAll(OpenApiRoutes.routes());
        AdminApi.Edge edge = new AdminApi.Edge(new BearerAuthenticator(signIn, apiKeys), Optional.of(audit),
                Optional.of(new RateLimiter(counters, limit, Duration.ofMinutes(1))), allowlist,
                config.dashboardOrigin(), clock);
        return new SecurityWiring(List.copyOf(routes), edge, signIn, team, apiKeys);
    }
}
