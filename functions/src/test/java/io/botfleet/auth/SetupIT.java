package io.botfleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.api.ApiHarness;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.util.Map;
import org.junit.jupiter.api.Test;

@LocalAws
class SetupIT {

    @Test
    void theSetupTokenCreatesTheOwnerOnceAndOnlyWithTheRightToken(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack);
        assertThat(api.call("GET", "/api/setup").send().expect(200).json().path("setupRequired").asBoolean()).isTrue();
        String token = api.keys().setupToken();

        Map<String, String> wrong = Map.of("setupToken", "0".repeat(token.length()), "email", "owner@example.com",
                "password", ApiHarness.PASSWORD, "displayName", "Owner");
        assertThat(api.call("POST", "/api/setup").json(wrong).send().expect(403).code()).isEqualTo("SETUP_TOKEN_INVALID");

        Map<String, String> good = Map.of("setupToken", token, "email", "Owner@Example.com",
                "password", ApiHarness.PASSWORD, "displayName", "Owner");
        var created = api.call("POST", "/api/setup").json(good).send().expect(201).json();
        assertThat(created.path("user").path("role").asText()).isEqualTo("owner");
        assertThat(created.path("user").path("email").asText()).isEqualTo("owner@example.com");
        assertThat(created.toString()).doesNotContain(ApiHarness.PASSWORD).doesNotContain("argon2");

        // second use, even with another e-mail: refused
        Map<String, String> again = Map.of("setupToken", token, "email", "second@example.com",
                "password", ApiHarness.PASSWORD, "displayName", "Second");
        assertThat(api.call("POST", "/api/setup").json(again).send().expect(409).code()).isEqualTo("SETUP_ALREADY_DONE");
        assertThat(api.call("GET", "/api/setup").send().expect(200).json().path("setupRequired").asBoolean()).isFalse();

        // the owner can sign in; the second e-mail cannot
        api.login("owner@example.com", ApiHarness.PASSWORD);
        api.call("POST", "/api/auth/login").json(Map.of("email", "second@example.com", "password", ApiHarness.PASSWORD))
                .send().expect(401);
    }

    @Test
    void theSetupHelperDescribesTheTokenForTheRunner(LocalAwsStack stack) {
        ApiHarness api = ApiHarness.start(stack);
        assertThat(SetupToken.describe(api.keys())).contains(api.keys().setupToken()).contains("/api/setup");
        assertThat(api.keys().toString()).doesNotContain(api.keys().setupToken());
    }
}
