package io.botfleet.rawdata;

import static io.botfleet.shared.errors.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.shared.errors.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RawDataViewerTest {
    static final Map<String, Object> USER = Map.of("pk", "USER#1", "email", "a@example.com", "passwordHash", "$argon2id$x",
            "sessions", List.of(Map.of("familyId", "f1", "tokenHash", "abc")), "tokenMask", "123456:AA…xyz");

    final RawTables tables = new RawTables() {
        @Override
        public List<String> names() {
            return List.of("accounts", "bots");
        }

        @Override
        public Page scan(String table, Optional<Map<String, String>> after, int limit) {
            return new Page(List.of(USER), Optional.of(Map.of("pk", "USER#1")));
        }
    };
    final RawDataViewer viewer = new RawDataViewer(tables);

    @Test
    void secretsAreRedactedAtAnyDepthAndEverythingElseIsShownAsStored() {
        Map<String, Object> shown = viewer.page("accounts", Optional.empty(), 25).items().get(0);

        assertThat(shown).containsEntry("passwordHash", Redaction.REDACTED).containsEntry("email", "a@example.com")
                .containsEntry("tokenMask", "123456:AA…xyz").containsEntry("pk", "USER#1");
        assertThat(shown.get("sessions")).isEqualTo(List.of(Map.of("familyId", "f1", "tokenHash", Redaction.REDACTED)));
    }

    @Test
    void namesThatHoldSecretsAreHiddenAndTheirNeighboursAreNot() {
        assertThat(List.of("passwordHash", "secretHash", "spentHashes", "tokenCipher", "token", "refreshToken", "seed",
                "privateKey")).allMatch(Redaction::hides);
        assertThat(List.of("tokenMask", "tokenRevokedAt", "pk", "sk", "email", "username", "keyExpiresAt"))
                .noneMatch(Redaction::hides);
    }

    @Test
    void aTableTheViewerDoesNotShowIsNotFound() {
        refused(Refusal.Kind.NOT_FOUND, "TABLE_NOT_FOUND", () -> viewer.page("secrets", Optional.empty(), 25));
    }
}
