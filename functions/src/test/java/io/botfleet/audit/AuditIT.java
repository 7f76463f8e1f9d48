package io.botfleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.ApiHarness.Session;
import io.botfleet.api.OnApi;
import io.botfleet.api.Route;
import io.botfleet.shared.ids.Ulid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AuditIT extends OnApi {
    static Map<String, Map<String, AttributeValue>> auditByRequestId() {
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var finalStart = start;
            var page = api.stack.clients().dynamoDb().scan(b -> b.tableName(api.table("AUDIT_TABLE")).exclusiveStartKey(finalStart));
            page.items().forEach(i -> out.put(i.get("requestId").s(), i));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    static Session fresh(Session s) {
        return api.call("GET", "/api/me").as(s).send().status() == 200 ? s : api.login(s.email(), ApiHarness.PASSWORD);
    }

    @Test
    void everyMutatingRouteIsAuditedWhateverItsOutcomeAndReadsAreNot() {
        Map<String, ApiHarness.Response> sent = new HashMap<>();
        List<String> actions = new ArrayList<>();
        for (Route route : api.api.routes()) {
            owner = fresh(owner);
            String path = route.template().replace("{botId}", "111").replaceAll("\\{[^}]+}", "01ARZ3NDEKTSV4RRFFQ69G5FAV");
            var call = api.call(route.method(), path).as(owner);
            if (route.mutating()) {
                call.json("{}");
            }
            sent.put(route.method() + " " + route.template(), call.send());
            if (route.mutating()) {
                actions.add(route.method() + " " + route.template());
            }
        }
        assertThat(actions).contains("POST /api/invites", "PATCH /api/users/{userId}", "DELETE /api/api-keys/{prefix}");
        Map<String, Map<String, AttributeValue>> audit = auditByRequestId();
        for (var e : sent.entrySet()) {
            String action = e.getKey();
            ApiHarness.Response response = e.getValue();
            var entry = audit.get(response.requestId());
            if (!actions.contains(action)) {
                assertThat(entry).as("read %s must not be audited", action).isNull();
                continue;
            }
            assertThat(entry).as("no audit entry for %s", action).isNotNull();
            assertThat(entry.get("action").s()).isEqualTo(action);
            assertThat(entry.get("status").n()).isEqualTo(Integer.toString(response.status()));
            assertThat(entry.get("ip").s()).isEqualTo("203.0.113.10");
            assertThat(entry.get("userAgent").s()).isEqualTo("botfleet-tests");
            assertThat(entry.get("pk").s()).isEqualTo("AUDIT#" + Instant.now().toString().substring(0, 7));
            assertThat(Ulid.isValid(entry.get("sk").s())).isTrue();
            String actor = entry.get("actorId").s();
            assertThat(actor).as(action).isIn(owner.userId(), "anonymous");
        }
    }

    @Test
    void theLogCanBeFilteredPagedNewestFirstAndExported() {
        List<String> invited = new ArrayList<>();
        String since = Instant.now().minusMillis(5).toString();
        for (int i = 0; i < 5; i++) {
            String email = "audit" + i + "@example.com";
            api.call("POST", "/api/invites").as(owner).header("user-agent", i == 0 ? "=HYPERLINK(\"http://x\")" : "tests")
                    .json(Map.of("email", email, "role", "analyst")).send().expect(201);
            invited.add(email);
        }
        api.call("POST", "/api/invites").as(owner).json(Map.of("email", "bad", "role", "analyst")).send().expect(422);

        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var call = api.call("GET", "/api/audit").as(owner).query("action", "POST /api/invites").query("outcome", "success")
                    .query("limit", "2").query("from", since);
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.send().expect(200).json();
            page.path("entries").forEach(e -> {
                assertThat(e.path("targetType").asText()).isEqualTo("invite");
                ids.add(e.path("id").asText());
            });
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo((a, b) -> b.compareTo(a));

        var failed = api.call("GET", "/api/audit").as(owner).query("action", "POST /api/invites").query("outcome", "failed")
                .send().expect(200).json().path("entries");
        assertThat(failed).isNotEmpty();
        failed.forEach(e -> assertThat(e.path("status").asInt()).isEqualTo(422));

        var byActor = api.call("GET", "/api/audit").as(owner).query("actor", owner.userId()).query("limit", "200")
                .send().expect(200).json().path("entries");
        byActor.forEach(e -> assertThat(e.path("actorId").asText()).isEqualTo(owner.userId()));
        assertThat(byActor.size()).isGreaterThanOrEqualTo(6);

        var csv = api.call("GET", "/api/audit.csv").as(owner).query("action", "POST /api/invites").query("outcome", "success")
                .query("from", since).send().expect(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n");
        assertThat(lines[0]).startsWith("id,at,actorType");
        assertThat(lines).hasSize(1 + 5);
        assertThat(csv.text()).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").doesNotContain(",=HYPERLINK");
    }

    @Test
    void listingWalksBackThroughEarlierMonths() {
        AuditStore store = new DynamoAuditStore(api.stack.clients().dynamoDb(), api.table("AUDIT_TABLE"));
        Instant now = Instant.now();
        for (int months : new int[] {1, 2, 3}) {
            Instant at = now.minus(months * 31L, ChronoUnit.DAYS);
            store.append(new AuditEntry(Ulid.next(at), at, "system", "history", null, "POST /api/history", "/api/history",
                    null, null, null, 200, "success", "req-" + months, "127.0.0.1", null));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var call = api.call("GET", "/api/audit").as(owner).query("action", "POST /api/history").query("limit", "1")
                    .query("from", now.minus(120, ChronoUnit.DAYS).toString());
            if (cursor != null) {
                call.query("cursor", cursor);
            }
            JsonNode page = call.send().expect(200).json();
            page.path("entries").forEach(e -> seen.add(e.path("requestId").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null && seen.size() < 10);
        assertThat(seen).containsExactly("req-1", "req-2", "req-3");
        // the default window (90 days) leaves out the oldest
        var recent = api.call("GET", "/api/audit").as(owner).query("action", "POST /api/history").query("limit", "10")
                .send().expect(200).json().path("entries");
        assertThat(recent).hasSize(2);
    }

    @Test
    void aBotScopedReaderSeesOnlyTheEntriesOfItsBots() {
        AuditStore store = new DynamoAuditStore(api.stack.clients().dynamoDb(), api.table("AUDIT_TABLE"));
        Instant now = Instant.now();
        for (String bot : new String[] {"scope-a", "scope-b", null}) {
            store.append(new AuditEntry(Ulid.next(now), now, "user", "someone", "admin", "POST /api/scoped",
                    "/api/scoped", null, null, bot, 200, "success", "scoped-" + bot, "127.0.0.1", null));
        }
        String key = api.createApiKey(owner, List.of("audit_read"), List.of("scope-a"));

        var listed = api.call("GET", "/api/audit").bearer(key).query("action", "POST /api/scoped").send().expect(200)
                .json().path("entries");
        assertThat(listed).extracting(e -> e.path("requestId").asText()).containsExactly("scoped-scope-a");
        String csv = api.call("GET", "/api/audit.csv").bearer(key).query("action", "POST /api/scoped").send().expect(200).text();
        assertThat(csv).contains("scoped-scope-a").doesNotContain("scoped-scope-b").doesNotContain("scoped-null");
        // the actor index is filtered the same way
        var byActor = api.call("GET", "/api/audit").bearer(key).query("actor", "someone").send().expect(200).json().path("entries");
        assertThat(byActor).extracting(e -> e.path("botId").asText()).containsOnly("scope-a");
        // asking for another bot is refused outright, as on every route
        assertThat(api.call("GET", "/api/audit").bearer(key).query("botId", "scope-b").send().expect(403).code())
                .isEqualTo("BOT_OUT_OF_SCOPE");
        // an unrestricted reader still sees everything
        var all = api.call("GET", "/api/audit").as(owner).query("action", "POST /api/scoped").send().expect(200).json().path("entries");
        assertThat(all).hasSize(3);
    }

    @Test
    void badFiltersAreProblemsNamingTheParameter() {
        for (var bad : List.of(Map.of("cursor", "nope"), Map.of("outcome", "maybe"), Map.of("limit", "0"),
                Map.of("limit", "x"), Map.of("from", "yesterday"), Map.of("from", "2030-01-01T00:00:00Z", "to", "2029-01-01T00:00:00Z"))) {
            var call = api.call("GET", "/api/audit").as(owner);
            bad.forEach(call::query);
            var r = call.send().expect(422);
            assertThat(r.json().path("errors").get(0).path("field").asText()).isIn(bad.keySet().toArray());
        }
    }

    @Test
    void noSecretEverReachesTheAuditLog() {
        var created = api.call("POST", "/api/api-keys").as(owner).json(Map.of("name", "k", "scopes", List.of("bots_read")))
                .send().expect(201).json();
        String keyToken = created.path("token").asText();
        var invite = api.call("POST", "/api/invites").as(owner).json(Map.of("email", "secret-test@example.com", "role", "editor"))
                .send().expect(201).json();
        String inviteToken = invite.path("token").asText();
        api.call("POST", "/api/invites/accept").json(Map.of("token", inviteToken, "password", "a very secret passphrase",
                "displayName", "S")).send().expect(201);
        Session s = api.login("secret-test@example.com", "a very secret passphrase");
        api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", s.refreshToken())).send().expect(200);
        api.call("POST", "/api/auth/login").ip("192.0.2.200").json(Map.of("email", "secret-test@example.com", "password", "typo secret passphrase"))
                .send().expect(401);
        String everything = auditByRequestId().values().toString();
        for (String secret : List.of(keyToken.substring(17), inviteToken.split("\\.")[1], "a very secret passphrase",
                "typo secret passphrase", s.refreshToken().split("\\.")[2], s.accessToken(), ApiHarness.PASSWORD,
                api.keys().setupToken())) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}
