package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.botfleet.lambda.ApiWiring;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.config.Env;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@LocalAws
class EdgeIT {

    @Test
    void theIpAllowlistAdmitsOnlyItsRangesForEveryRoute(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack, Map.of("ADMIN_IP_ALLOWLIST", "10.0.0.0/8, 2001:db8::/32"));
        var denied = api.call("GET", "/api/setup").ip("203.0.113.10").send().expect(403);
        assertThat(denied.code()).isEqualTo("IP_NOT_ALLOWED");
        assertThat(api.call("POST", "/api/auth/login").ip("11.0.0.1").json(Map.of("email", "a@b.co", "password", "x"))
                .send().expect(403).code()).isEqualTo("IP_NOT_ALLOWED");
        api.call("GET", "/api/setup").ip("10.200.3.4").send().expect(200);
        api.call("GET", "/api/setup").ip("2001:db8:ffff::1").send().expect(200);
        api.call("GET", "/api/setup").ip("::ffff:10.0.0.1").send().expect(200);
        api.call("GET", "/api/setup").ip("2001:db9::1").send().expect(403);
        api.call("GET", "/api/setup").ip("").send().expect(403);
    }

    @Test
    void theLoadBalancersProbeAnswersAnyoneAtOnceWithoutTouchingADependency(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack, Map.of("ADMIN_IP_ALLOWLIST", "10.0.0.0/8", "API_RATE_LIMIT_PER_MINUTE", "1"));
        // the rate limiter's counters and every credential lookup would fail: the probe must not notice
        stack.faults().failNext("dynamodb:UpdateItem", "table/EphemeralTable", 100);
        stack.faults().failNext("dynamodb:GetItem", "table/AccountsTable", 100);
        stack.faults().failNext("dynamodb:BatchGetItem", "table/AccountsTable", 100);
        try {
            for (int i = 0; i < 3; i++) {
                var probe = api.call("GET", "/health").ip("203.0.113.10").bearer("garbage").send().expect(200);
                assertThat(probe.json().path("status").asText()).isEqualTo("ok");
                assertThat(probe.header("cache-control")).isEqualTo("no-store");
            }
            assertThat(stack.faults().pending()).as("no dependency was called").isEqualTo(300);
        } finally {
            stack.faults().clear();
        }
        // the deep check and the rest of the API stay behind the allowlist
        assertThat(api.call("GET", "/api/health").ip("203.0.113.10").send().expect(403).code()).isEqualTo("IP_NOT_ALLOWED");
    }

    @Test
    void aMistypedAllowlistStopsTheFunctionInsteadOfOpeningIt(LocalAwsStack stack) {
        Map<String, String> env = stack.functionEnvironment("ApiFunction",
                Map.of("PUBLIC_BASE_URL", "http://127.0.0.1:1", "ADMIN_IP_ALLOWLIST", "10.0.0.0/33"));
        assertThatThrownBy(() -> ApiWiring.create(new Env(env))).hasMessageContaining("ADMIN_IP_ALLOWLIST");
    }

    /**
     * The edge answers a subject over its budget with 429 and retry-after (where a window starts and ends is
     * RateLimiterTest's, on given instants). The calls may straddle the turn of a minute, which starts the count
     * again once: within twice the limit and one, a subject has been refused.
     */
    @Test
    void theRateLimitAnswers429WithRetryAfterPerSubject(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack, Map.of("API_RATE_LIMIT_PER_MINUTE", "5"));
        var limited = untilRefused(() -> api.call("GET", "/api/setup").ip("192.0.2.50").send(), 200);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
        // another address has its own budget
        api.call("GET", "/api/setup").ip("192.0.2.51").send().expect(200);
        // bad credentials count against the address too
        untilRefused(() -> api.call("GET", "/api/me").ip("192.0.2.52").bearer("garbage").send(), 401);
    }

    /** Calls until the answer is 429; every answer before it must be {@code allowed}. */
    private static ApiHarness.Response untilRefused(Supplier<ApiHarness.Response> call, int allowed) {
        for (int i = 0; i < 2 * 5 + 1; i++) {
            ApiHarness.Response r = call.get();
            if (r.status() == 429) {
                return r;
            }
            r.expect(allowed);
        }
        throw new AssertionError("never refused within two windows' budget");
    }

    @Test
    void corsAnswersTheDashboardOriginOnly(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack, Map.of("DASHBOARD_ORIGIN", "https://dash.example.com"));
        api.checkContract = false; // OPTIONS is API Gateway's business on AWS and not part of the contract
        var preflight = api.call("OPTIONS", "/api/auth/login").header("origin", "https://dash.example.com")
                .header("access-control-request-method", "POST").send().expect(204);
        assertThat(preflight.header("access-control-allow-methods")).contains("POST");
        assertThat(preflight.header("access-control-allow-headers")).contains("authorization");
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("https://dash.example.com");
        var evil = api.call("OPTIONS", "/api/auth/login").header("origin", "https://evil.example.com")
                .header("access-control-request-method", "POST").send().expect(403);
        assertThat(evil.header("access-control-allow-origin")).isNull();

        var ok = api.call("GET", "/api/setup").header("origin", "https://dash.example.com").send().expect(200);
        assertThat(ok.header("access-control-allow-origin")).isEqualTo("https://dash.example.com");
        assertThat(ok.header("vary")).isEqualTo("Origin");
        var other = api.call("GET", "/api/setup").header("origin", "https://evil.example.com").send().expect(200);
        assertThat(other.header("access-control-allow-origin")).isNull();
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndUnknownPathsAreProblems(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack);
        api.checkContract = false;
        for (var r : new ApiHarness.Response[] {
                api.call("GET", "/api/setup").send().expect(200),
                api.call("GET", "/api/nothing-here").send().expect(404),
                api.call("DELETE", "/api/setup").send().expect(405),
                api.call("GET", "/api/me").send().expect(401)}) {
            assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(r.header("x-frame-options")).isEqualTo("DENY");
            assertThat(r.header("cache-control")).isEqualTo("no-store");
            assertThat(r.header("strict-transport-security")).startsWith("max-age=");
            assertThat(r.header("content-security-policy")).contains("default-src 'none'");
            assertThat(r.header("x-request-id")).isEqualTo(r.requestId());
        }
        assertThat(api.call("GET", "/api/nothing-here").send().code()).isEqualTo("NO_ROUTE");
    }

    @Test
    void theContractIsServedPublicly(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack);
        var doc = api.call("GET", "/api/openapi.json").send().expect(200).json();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("paths").has("/api/auth/login")).isTrue();
    }
}
