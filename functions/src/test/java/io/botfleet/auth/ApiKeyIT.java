package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.ApiHarness.Session;
import io.botfleet.api.OnApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyIT extends OnApi {
    @Test
    void aKeyIsShownOnceStoredHashedAndLimitedToItsScopes() {
        var created = api.call("POST", "/api/api-keys").as(owner)
                .json(Map.of("name", "reporting", "scopes", List.of("bots_read", "audit_read"))).send().expect(201).json();
        String token = created.path("token").asText();
        String prefix = created.path("apiKey").path("prefix").asText();
        assertThat(token).matches("bfk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}").startsWith("bfk_" + prefix + "_");
        String secret = token.substring(("bfk_" + prefix + "_").length());

        String listing = api.call("GET", "/api/api-keys").as(owner).send().expect(200).text();
        assertThat(listing).contains(prefix).doesNotContain(secret).doesNotContain("secretHash");
        // nothing in the table holds the secret itself
        var items = api.stack.clients().dynamoDb().scan(b -> b.tableName(api.table("ACCOUNTS_TABLE"))).items();
        assertThat(items.toString()).doesNotContain(secret).contains(Secrets.sha256(secret));

        api.call("GET", "/api/audit").bearer(token).send().expect(200);
        var me = api.call("GET", "/api/me").bearer(token).send().expect(200).json();
        assertThat(me.path("apiKey").path("prefix").asText()).isEqualTo(prefix);
        assertThat(api.call("GET", "/api/users").bearer(token).send().expect(403).code()).isEqualTo("FORBIDDEN");
        api.call("GET", "/api/api-keys").bearer(token).send().expect(403);
        api.call("POST", "/api/api-keys").bearer(token).json(Map.of("name", "x", "scopes", List.of("bots_read"))).send().expect(403);
        // keys are not users: no logout or password change
        api.call("POST", "/api/me/password").bearer(token)
                .json(Map.of("currentPassword", "whatever", "newPassword", "another long passphrase")).send().expect(403);

        JsonNode listed = api.call("GET", "/api/api-keys").as(owner).send().expect(200).json().path("apiKeys").get(0);
        assertThat(listed.path("lastUsedAt").isNull()).isFalse();
        assertThat(listed.path("scopes").toString()).isEqualTo("[\"audit_read\",\"bots_read\"]");

        // right prefix, wrong secret; then revocation
        String wrong = "bfk_" + prefix + "_" + Secrets.randomToken();
        assertThat(api.call("GET", "/api/audit").bearer(wrong).send().expect(401).code()).isEqualTo("API_KEY_INVALID");
        api.call("DELETE", "/api/api-keys/" + prefix).as(owner).send().expect(204);
        assertThat(api.call("GET", "/api/audit").bearer(token).send().expect(401).code()).isEqualTo("API_KEY_INVALID");
        assertThat(api.call("GET", "/api/api-keys").as(owner).send().expect(200).json().path("apiKeys").get(0)
                .path("revokedAt").isNull()).isFalse();
        api.call("DELETE", "/api/api-keys/aaaaaaaaaaaa").as(owner).send().expect(404);
    }

    @Test
    void keysCannotHoldAccountPowersOrMoreThanTheirCreator() {
        for (String scope : List.of("users_manage", "api_keys_manage", "no_such_permission")) {
            var r = api.call("POST", "/api/api-keys").as(owner).json(Map.of("name", "bad", "scopes", List.of(scope))).send().expect(422);
            assertThat(r.json().path("errors").get(0).path("field").asText()).startsWith("scopes");
        }
        Session editor = api.createUser(owner, "editor", List.of());
        api.call("POST", "/api/api-keys").as(editor).json(Map.of("name", "mine", "scopes", List.of("bots_read"))).send().expect(403);
    }

    @Test
    void aBotScopedKeyReachesOnlyItsBots() {
        String token = api.createApiKey(owner, List.of("bots_read", "campaigns_read"), List.of("111"));
        api.call("GET", "/api/me").bearer(token).query("botId", "111").send().expect(200);
        assertThat(api.call("GET", "/api/me").bearer(token).query("botId", "999").send().expect(403).code())
                .isEqualTo("BOT_OUT_OF_SCOPE");
    }

    @Test
    void aBotScopedKeyCannotActOnTheWholeFleet() {
        String token = api.createApiKey(owner, List.of("bots_manage", "operations"), List.of("111"));
        for (var call : List.of(api.call("POST", "/api/bots").json(Map.of("token", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi")),
                api.call("GET", "/api/ops/dead-letters"), api.call("POST", "/api/ops/dead-letters/send/redrive"))) {
            var r = call.bearer(token).send().expect(403);
            assertThat(r.code()).isEqualTo("ALL_BOTS_REQUIRED");
        }
        // the same permissions without a bot scope pass the pipeline (the made-up token is then refused on its merits)
        String unscoped = api.createApiKey(owner, List.of("bots_manage", "operations"), List.of());
        api.call("GET", "/api/ops/dead-letters").bearer(unscoped).send().expect(200);
        assertThat(api.call("POST", "/api/bots").bearer(unscoped).json(Map.of("token", "not a token")).send().status())
                .isNotEqualTo(403);
    }

    @Test
    void aKeysRequestsAreAuditedUnderTheKey() {
        String token = api.createApiKey(owner, List.of("bots_read"), List.of());
        String prefix = token.substring(4, 16);
        var r = api.call("POST", "/api/auth/logout").bearer(token).send();
        assertThat(r.status()).isEqualTo(403);
        var entries = api.call("GET", "/api/audit").as(owner).query("actor", prefix).send().expect(200).json().path("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("actorType").asText()).isEqualTo("apikey");
        assertThat(entries.get(0).path("action").asText()).isEqualTo("POST /api/auth/logout");
        assertThat(entries.get(0).path("outcome").asText()).isEqualTo("denied");
        assertThat(entries.toString()).doesNotContain(token.substring(17));
    }
}
