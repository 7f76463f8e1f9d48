package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.ApiHarness.Session;
import io.botfleet.api.OnApi;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthFlowIT extends OnApi {
    @Test
    void signInGivesTokensThatOpenTheApi() {
        var me = api.call("GET", "/api/me").as(owner).send().expect(200).json();
        assertThat(me.path("user").path("userId").asText()).isEqualTo(owner.userId());
        assertThat(me.path("user").has("passwordHash")).isFalse();
        assertThat(api.call("GET", "/api/me").send().expect(401).code()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() {
        var wrong = api.call("POST", "/api/auth/login").ip("198.51.100.1")
                .json(Map.of("email", owner.email(), "password", "not the password at all")).send().expect(401);
        var unknown = api.call("POST", "/api/auth/login").ip("198.51.100.1")
                .json(Map.of("email", "nobody-here@example.com", "password", "not the password at all")).send().expect(401);
        ObjectNode a = (ObjectNode) wrong.json();
        ObjectNode b = (ObjectNode) unknown.json();
        a.remove("instance");
        b.remove("instance");
        assertThat(a).isEqualTo(b);
        assertThat(a.path("code").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(wrong.raw().headers().keySet()).isEqualTo(unknown.raw().headers().keySet());
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPasswordAndLockUnknownAccountsAlike() {
        Session analyst = api.createUser(owner, "analyst", List.of());
        String ip = "198.51.100.2";
        for (int i = 0; i < 5; i++) {
            api.call("POST", "/api/auth/login").ip(ip).json(Map.of("email", analyst.email(), "password", "wrong password " + i))
                    .send().expect(401);
            api.call("POST", "/api/auth/login").ip("198.51.100.3").json(Map.of("email", "ghost@example.com", "password", "wrong " + i))
                    .send().expect(401);
        }
        var locked = api.call("POST", "/api/auth/login").ip(ip)
                .json(Map.of("email", analyst.email(), "password", ApiHarness.PASSWORD)).send().expect(429);
        assertThat(locked.code()).isEqualTo("LOGIN_LOCKED");
        assertThat(Long.parseLong(locked.header("retry-after"))).isBetween(1L, 30L);
        var lockedGhost = api.call("POST", "/api/auth/login").ip("198.51.100.3")
                .json(Map.of("email", "ghost@example.com", "password", ApiHarness.PASSWORD)).send().expect(429);
        assertThat(lockedGhost.code()).isEqualTo("LOGIN_LOCKED");
        // the account's lock applies from any address; other accounts are not affected
        api.call("POST", "/api/auth/login").ip("198.51.100.99")
                .json(Map.of("email", analyst.email(), "password", ApiHarness.PASSWORD)).send().expect(429);
        api.login(owner.email(), ApiHarness.PASSWORD);
    }

    @Test
    void manyFailuresFromOneAddressLockThatAddressForEveryAccount() {
        String ip = "198.51.100.7";
        for (int i = 0; i < 20; i++) {
            api.call("POST", "/api/auth/login").ip(ip).json(Map.of("email", "spray" + i + "@example.com", "password", "Summer2026!"))
                    .send().expect(401);
        }
        assertThat(api.call("POST", "/api/auth/login").ip(ip).json(Map.of("email", owner.email(), "password", ApiHarness.PASSWORD))
                .send().expect(429).code()).isEqualTo("LOGIN_LOCKED");
        api.call("POST", "/api/auth/login").ip("198.51.100.8").json(Map.of("email", owner.email(), "password", ApiHarness.PASSWORD))
                .send().expect(200);
    }

    @Test
    void expiredTamperedAndUnsignedTokensAreRejected() throws Exception {
        TokenService tokens = new TokenService(api::keys);
        User user = new User(owner.userId(), owner.email(), "Owner", Role.OWNER, Set.of(), User.Status.ACTIVE, "x",
                Instant.now(), null, 1);
        String sid = sessionIdOf(owner.accessToken());

        String expired = tokens.issue(user, sid, Instant.now().minusSeconds(3600));
        assertThat(api.call("GET", "/api/me").bearer(expired).send().expect(401).code()).isEqualTo("TOKEN_EXPIRED");

        String[] parts = owner.accessToken().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"owner\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
        assertThat(api.call("GET", "/api/me").bearer(tampered).send().expect(401).code()).isEqualTo("TOKEN_INVALID");

        JWTClaimsSet set = SignedJWT.parse(owner.accessToken()).getJWTClaimsSet();
        String none = new PlainJWT(set).serialize();
        assertThat(api.call("GET", "/api/me").bearer(none).send().expect(401).code()).isEqualTo("TOKEN_INVALID");

        // right key, other algorithm (HS512 with the same secret padded): still refused, the algorithm is pinned
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), set);
        byte[] key = api.keys().jwtSigningKey();
        byte[] longKey = new byte[64];
        System.arraycopy(key, 0, longKey, 0, key.length);
        System.arraycopy(key, 0, longKey, 32, key.length);
        hs512.sign(new MACSigner(longKey));
        assertThat(api.call("GET", "/api/me").bearer(hs512.serialize()).send().expect(401).code()).isEqualTo("TOKEN_INVALID");

        // signed with another key
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        forged.sign(new MACSigner(new byte[32]));
        assertThat(api.call("GET", "/api/me").bearer(forged.serialize()).send().expect(401).code()).isEqualTo("TOKEN_INVALID");

        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String rs = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes()) + "." + parts[1] + "." + parts[2];
        assertThat(api.call("GET", "/api/me").bearer(rs).send().expect(401).code()).isEqualTo("TOKEN_INVALID");
        assertThat(api.call("GET", "/api/me").bearer("garbage").send().expect(401).code()).isEqualTo("TOKEN_INVALID");
        assertThat(api.call("GET", "/api/me").header("authorization", "Basic b3duZXI6cGFzcw==").send().expect(401).code())
                .isEqualTo("INVALID_CREDENTIALS");
        // the genuine token still works
        api.call("GET", "/api/me").as(owner).send().expect(200);
    }

    private static String sessionIdOf(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void refreshRotatesAndReusingASpentTokenRevokesTheWholeSession() {
        Session first = api.login(owner.email(), ApiHarness.PASSWORD);
        Session other = api.login(owner.email(), ApiHarness.PASSWORD);

        var rotated = api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", first.refreshToken())).send().expect(200).json();
        String second = rotated.path("refreshToken").asText();
        assertThat(second).isNotEqualTo(first.refreshToken());
        String access2 = rotated.path("accessToken").asText();
        api.call("GET", "/api/me").bearer(access2).send().expect(200);
        var again = api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", second)).send().expect(200).json();
        String third = again.path("refreshToken").asText();

        // an attacker replays the first (spent) token: the family dies
        assertThat(api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", first.refreshToken())).send()
                .expect(401).code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", third)).send().expect(401).code())
                .isEqualTo("REFRESH_TOKEN_INVALID");
        assertThat(api.call("GET", "/api/me").bearer(again.path("accessToken").asText()).send().expect(401).code())
                .isEqualTo("TOKEN_INVALID");
        // the user's other session is untouched
        api.call("GET", "/api/me").as(other).send().expect(200);
        api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", other.refreshToken())).send().expect(200);
        // a made-up token of a live family does not revoke it (only a genuine spent one does)
        String[] p = other.refreshToken().split("\\.");
        api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", p[0] + "." + p[1] + "." + Secrets.randomToken()))
                .send().expect(401);
        assertThat(api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", "nonsense")).send().expect(401).code())
                .isEqualTo("REFRESH_TOKEN_INVALID");
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        Session s = api.login(owner.email(), ApiHarness.PASSWORD);
        Session kept = api.login(owner.email(), ApiHarness.PASSWORD);
        api.call("POST", "/api/auth/logout").as(s).send().expect(204);
        api.call("GET", "/api/me").as(s).send().expect(401);
        api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", s.refreshToken())).send().expect(401);
        api.call("GET", "/api/me").as(kept).send().expect(200);
        api.call("POST", "/api/auth/logout").as(kept).json(Map.of("allSessions", true)).send().expect(204);
        api.call("GET", "/api/me").as(kept).send().expect(401);
        api.call("GET", "/api/me").as(owner).send().expect(401); // all sessions, including the first one
        owner = api.login(owner.email(), ApiHarness.PASSWORD);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsAllSessions() {
        Session editor = api.createUser(owner, "editor", List.of());
        var wrong = api.call("POST", "/api/me/password").as(editor)
                .json(Map.of("currentPassword", "not my password", "newPassword", "a brand new passphrase")).send().expect(422);
        assertThat(wrong.json().path("errors").get(0).path("field").asText()).isEqualTo("currentPassword");
        var weak = api.call("POST", "/api/me/password").as(editor)
                .json(Map.of("currentPassword", ApiHarness.PASSWORD, "newPassword", "short")).send().expect(422);
        assertThat(weak.json().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");

        api.call("POST", "/api/me/password").as(editor)
                .json(Map.of("currentPassword", ApiHarness.PASSWORD, "newPassword", "a brand new passphrase")).send().expect(204);
        api.call("GET", "/api/me").as(editor).send().expect(401);
        api.call("POST", "/api/auth/login").ip("198.51.100.20").json(Map.of("email", editor.email(), "password", ApiHarness.PASSWORD))
                .send().expect(401);
        api.login(editor.email(), "a brand new passphrase");
    }

    @Test
    void anInviteWorksOnceAndDisablingAUserLocksThemOutAtOnce() {
        var created = api.call("POST", "/api/invites").as(owner)
                .json(Map.of("email", "newbie@example.com", "role", "editor", "botIds", List.of("111"))).send().expect(201).json();
        String token = created.path("token").asText();
        assertThat(created.path("inviteUrl").asText()).contains("#token=" + token);
        String inviteId = created.path("invite").path("inviteId").asText();
        assertThat(api.call("GET", "/api/invites").as(owner).send().expect(200).json().path("invites").toString()).contains(inviteId);

        Map<String, String> accept = Map.of("token", token, "password", ApiHarness.PASSWORD, "displayName", "Newbie");
        var user = api.call("POST", "/api/invites/accept").json(accept).send().expect(201).json().path("user");
        assertThat(user.path("role").asText()).isEqualTo("editor");
        assertThat(user.path("botIds").toString()).isEqualTo("[\"111\"]");
        assertThat(api.call("POST", "/api/invites/accept").json(accept).send().expect(410).code()).isEqualTo("INVITE_INVALID");
        assertThat(api.call("GET", "/api/invites").as(owner).send().expect(200).json().path("invites").toString()).doesNotContain(inviteId);
        // a forged secret for a real invite id fails too
        var other = api.call("POST", "/api/invites").as(owner).json(Map.of("email", "other@example.com", "role", "analyst"))
                .send().expect(201).json();
        String otherId = other.path("invite").path("inviteId").asText();
        api.call("POST", "/api/invites/accept").json(Map.of("token", otherId + "." + Secrets.randomToken(),
                "password", ApiHarness.PASSWORD, "displayName", "X")).send().expect(410);
        api.call("DELETE", "/api/invites/" + otherId).as(owner).send().expect(204);
        api.call("POST", "/api/invites/accept").json(Map.of("token", other.path("token").asText(),
                "password", ApiHarness.PASSWORD, "displayName", "X")).send().expect(410);
        // inviting an existing member is a conflict
        api.call("POST", "/api/invites").as(owner).json(Map.of("email", "newbie@example.com", "role", "analyst")).send().expect(409);

        Session newbie = api.login("newbie@example.com", ApiHarness.PASSWORD);
        api.call("GET", "/api/me").as(newbie).send().expect(200);
        String userId = user.path("userId").asText();
        var disabled = api.call("PATCH", "/api/users/" + userId).as(owner).json(Map.of("status", "disabled")).send().expect(200).json();
        assertThat(disabled.path("status").asText()).isEqualTo("disabled");
        api.call("GET", "/api/me").as(newbie).send().expect(401);
        api.call("POST", "/api/auth/refresh").json(Map.of("refreshToken", newbie.refreshToken())).send().expect(401);
        assertThat(api.call("POST", "/api/auth/login").ip("198.51.100.30")
                .json(Map.of("email", "newbie@example.com", "password", ApiHarness.PASSWORD)).send().expect(401).code())
                .isEqualTo("INVALID_CREDENTIALS");
        api.call("PATCH", "/api/users/" + userId).as(owner).json(Map.of("status", "active")).send().expect(200);
        api.login("newbie@example.com", ApiHarness.PASSWORD);
    }

    @Test
    void rolesOnlyManageRolesBelowThemAndNobodyChangesThemselves() {
        Session admin = api.createUser(owner, "admin", List.of());
        // an admin cannot touch the owner, cannot make admins, cannot change itself
        api.call("PATCH", "/api/users/" + owner.userId()).as(admin).json(Map.of("status", "disabled")).send().expect(403);
        assertThat(api.call("POST", "/api/invites").as(admin).json(Map.of("email", "boss@example.com", "role", "admin"))
                .send().expect(422).json().path("errors").get(0).path("field").asText()).isEqualTo("role");
        api.call("PATCH", "/api/users/" + admin.userId()).as(admin).json(Map.of("role", "analyst")).send().expect(403);
        api.call("PATCH", "/api/users/" + owner.userId()).as(owner).json(Map.of("status", "disabled")).send().expect(403);
        // owners and admins cannot be limited to bots
        api.call("PATCH", "/api/users/" + admin.userId()).as(owner).json(Map.of("botIds", List.of("1"))).send().expect(422);
        // an admin manages an editor; a demotion applies to the live token at once
        Session editor = api.createUser(admin, "editor", List.of());
        api.call("GET", "/api/me").as(editor).send().expect(200);
        api.call("PATCH", "/api/users/" + editor.userId()).as(admin).json(Map.of("role", "analyst", "botIds", List.of("42")))
                .send().expect(200);
        var me = api.call("GET", "/api/me").as(editor).send().expect(200).json();
        assertThat(me.path("user").path("role").asText()).isEqualTo("analyst");
        assertThat(me.path("permissions").toString()).doesNotContain("campaigns_send");
        api.call("PATCH", "/api/users/01ARZ3NDEKTSV4RRFFQ69G5FAV").as(owner).json(Map.of("status", "disabled")).send().expect(404);
        api.call("PATCH", "/api/users/not-a-user").as(owner).json(Map.of("status", "disabled")).send().expect(404);
    }
}
