package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.auth.Role;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What ConnectionStore promises, checked on the DynamoDB adapter ({@code DynamoConnectionStoreIT}, through the
 * ephemeral table's sparse index) and on the in-memory one ({@code InMemoryConnectionStoreTest}). Tests share one
 * table within a class: each uses connection ids of its own.
 */
abstract class ConnectionStoreContract {
    static final Instant EXPIRES = Instant.parse("2026-11-30T11:00:00Z").truncatedTo(ChronoUnit.SECONDS);

    final ConnectionStore store;

    ConnectionStoreContract(ConnectionStore store) {
        this.store = store;
    }

    @Test
    void aConnectionIsReadBackWithItsRoleScopeAndExpiry() {
        LiveConnection editor = connection(Role.EDITOR, Set.of("7", "3"));
        LiveConnection owner = connection(Role.OWNER, Set.of());
        store.save(editor);
        store.save(owner);

        assertThat(store.get(editor.connectionId())).contains(editor);
        assertThat(store.get(owner.connectionId())).contains(owner);
        assertThat(store.all()).contains(editor, owner);
    }

    @Test
    void aDeletedOrUnknownConnectionIsNotThere() {
        LiveConnection c = connection(Role.ANALYST, Set.of("9"));
        store.save(c);

        store.delete(c.connectionId());
        store.delete("never-" + UUID.randomUUID());

        assertThat(store.get(c.connectionId())).isEmpty();
        assertThat(store.all()).doesNotContain(c);
    }

    private static LiveConnection connection(Role role, Set<String> scope) {
        return new LiveConnection("c-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), role, scope, EXPIRES);
    }
}
