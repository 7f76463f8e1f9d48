package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.auth.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final List<String> closed = new ArrayList<>();
    final LiveSessions sessions = new LiveSessions(connections, closed::add);

    @Test
    void everyConnectionOfTheUserIsClosedAndForgottenAndNobodyElses() {
        connect("phone", "u1");
        connect("laptop", "u1");
        connect("colleague", "u2");

        sessions.changed("u1");

        assertThat(closed).containsExactlyInAnyOrder("phone", "laptop");
        assertThat(connections.all()).extracting(LiveConnection::connectionId).containsExactly("colleague");
    }

    @Test
    void aConnectionThatCannotBeClosedIsForgottenAllTheSame() {
        connect("stuck", "u1");
        LiveSessions failing = new LiveSessions(connections, id -> {
            throw new IllegalStateException("throttled");
        });

        failing.changed("u1");

        assertThat(connections.all()).isEmpty();
    }

    private void connect(String connectionId, String userId) {
        connections.save(new LiveConnection(connectionId, userId, Role.ANALYST, Set.of(), Instant.parse("2999-01-01T00:00:00Z")));
    }
}
