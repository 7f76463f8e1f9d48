package io.botfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.lambda.ApiWiring;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.lambda.Invocation;
import io.botfleet.local.lambda.LambdaFunction;
import io.botfleet.local.lambda.events.HttpApiEvents;
import io.botfleet.shared.config.Env;
import io.botfleet.shared.http.HttpResponse;
import io.botfleet.shared.json.Json;
import io.botfleet.shared.secrets.PlatformKeys;
import io.botfleet.shared.secrets.PlatformSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The admin API as deployed: every call is an HTTP API payload-2.0 event for ApiFunction, run through its template
 * handler on the local Lambda service, plus helpers to call it as a browser would. Every response is checked against
 * openapi.json. The route table ({@link #api}) is read in-process only to enumerate routes.
 */
public final class ApiHarness {
    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger USERS = new AtomicInteger();

    public final LocalAwsStack stack;
    public final Env env;
    public final AdminApi api;
    private final LambdaFunction function;
    public boolean checkContract = true;

    private ApiHarness(LocalAwsStack stack, Env env, LambdaFunction function) {
        this.stack = stack;
        this.env = env;
        this.api = ApiWiring.create(env);
        this.function = function;
    }

    public static ApiHarness start(LocalAwsStack stack, Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("PUBLIC_BASE_URL", "http://127.0.0.1:1");
        all.put("API_RATE_LIMIT_PER_MINUTE", "100000");
        all.putAll(overrides);
        return new ApiHarness(stack, new Env(stack.functionEnvironment("ApiFunction", all)),
                stack.lambda().function("ApiFunction", all));
    }

    public static ApiHarness start(LocalAwsStack stack) {
        return start(stack, Map.of());
    }

    public PlatformKeys keys() {
        return new PlatformSecret(stack.clients().secrets(), env.required("PLATFORM_SECRET_ID")).get();
    }

    public String table(String variable) {
        return env.required(variable);
    }

    // ------------------------------------------------------------------ requests

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> query = new LinkedHashMap<>();
        private byte[] body = new byte[0];
        private String ip = "203.0.113.10";

        Call(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("user-agent", "botfleet-tests");
        }

        public Call bearer(String token) {
            headers.put("authorization", "Bearer " + token);
            return this;
        }

        public Call as(Session session) {
            return bearer(session.accessToken());
        }

        public Call header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        public Call query(String name, String value) {
            query.put(name, value);
            return this;
        }

        public Call json(Object value) {
            return raw(value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.writeBytes(value), "application/json");
        }

        public Call raw(byte[] bytes, String contentType) {
            body = bytes;
            if (contentType != null) {
                headers.put("content-type", contentType);
            }
            return this;
        }

        public Call ip(String address) {
            this.ip = address;
            return this;
        }

        public Response send() {
            String rawQuery = query.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            Map<String, List<String>> headerLists = new LinkedHashMap<>();
            headers.forEach((k, v) -> headerLists.put(k, List.of(v)));
            byte[] event = HttpApiEvents.event("ANY /api/{proxy+}", Map.of("proxy", path.substring("/api/".length())),
                    new HttpApiEvents.Request(method, path, rawQuery, headerLists, body, ip), "local");
            Invocation invocation = function.invoke(event);
            // a function error is never an answer the API means to give: say which request caused it
            assertThat(invocation.failed()).as("%s %s (%s, body %.120s) made ApiFunction fail: %s", method, path,
                    headers.get("content-type"), new String(body, StandardCharsets.UTF_8), invocation.payloadText()).isFalse();
            HttpApiEvents.Response answer = HttpApiEvents.response(invocation);
            HttpResponse response = new HttpResponse(answer.status(), answer.headers(), answer.body());
            if (checkContract) {
                // undocumented routes are OpenApiDocumentIT's finding; here they are checked for everything else
                templateOf(method, path).filter(t -> OpenApiContract.DOCUMENT.operation(method, t).isPresent())
                        .ifPresent(t -> OpenApiContract.DOCUMENT.assertConforms(method, t, response));
            }
            return new Response(response.headers().getOrDefault("x-request-id", ""), response);
        }
    }

    public Optional<String> templateOf(String method, String path) {
        return api.routes().stream().filter(r -> r.method().equals(method) && r.match(path).isPresent())
                .map(Route::template).findFirst();
    }

    public record Response(String requestId, HttpResponse raw) {
        public int status() {
            return raw.status();
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String code() {
            return json().path("code").asText();
        }

        public String header(String name) {
            return raw.headers().get(name);
        }

        public String text() {
            return raw.bodyText();
        }

        public Response expect(int status) {
            assertThat(raw.status()).as("status of %s", raw.bodyText()).isEqualTo(status);
            return this;
        }
    }

    // ------------------------------------------------------------------ accounts

    public record Session(String userId, String email, String accessToken, String refreshToken) {}

    public Session setupOwner() {
        String email = "owner" + USERS.incrementAndGet() + "@example.com";
        call("POST", "/api/setup").json(Map.of("setupToken", keys().setupToken(), "email", email,
                "password", PASSWORD, "displayName", "Owner")).send().expect(201);
        return login(email, PASSWORD);
    }

    public Session login(String email, String password) {
        Response r = call("POST", "/api/auth/login").json(Map.of("email", email, "password", password)).send().expect(200);
        JsonNode body = r.json();
        return new Session(body.path("user").path("userId").asText(), email, body.path("accessToken").asText(),
                body.path("refreshToken").asText());
    }

    /** Invites, accepts and signs in a user with {@code role}, optionally restricted to bots. */
    public Session createUser(Session admin, String role, List<String> botIds) {
        String email = role + USERS.incrementAndGet() + "@example.com";
        Map<String, Object> invite = new LinkedHashMap<>();
        invite.put("email", email);
        invite.put("role", role);
        invite.put("botIds", botIds);
        String token = call("POST", "/api/invites").as(admin).json(invite).send().expect(201).json().path("token").asText();
        call("POST", "/api/invites/accept").json(Map.of("token", token, "password", PASSWORD, "displayName", role + " user"))
                .send().expect(201);
        return login(email, PASSWORD);
    }

    /** An API key's token with these scopes (lower-case permission names). */
    public String createApiKey(Session admin, List<String> scopes, List<String> botIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "key " + USERS.incrementAndGet());
        body.put("scopes", scopes);
        body.put("botIds", botIds);
        return call("POST", "/api/api-keys").as(admin).json(body).send().expect(201).json().path("token").asText();
    }
}
