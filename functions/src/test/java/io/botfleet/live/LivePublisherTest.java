package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.auth.Role;
import io.botfleet.shared.time.TestClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LivePublisherTest {
    final TestClock clock = new TestClock("2026-11-30T09:00:00Z");
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final RecordingPush push = new RecordingPush();
    final LivePublisher publisher = new LivePublisher(connections, push, clock);
    final LiveMessage message = new LiveMessage(LiveTopics.bot("b1"), 7, Map.of("status", "ok"));

    @Test
    void ownersAdminsAndUnscopedUsersSeeEveryBotScopedUsersOnlyTheirs() {
        connect("owner", Role.OWNER, Set.of("other"));
        connect("admin", Role.ADMIN, Set.of());
        connect("editor-all", Role.EDITOR, Set.of());
        connect("editor-b1", Role.EDITOR, Set.of("b1", "b2"));
        connect("analyst-b2", Role.ANALYST, Set.of("b2"));

        assertThat(publisher.publish("b1", message)).isEqualTo(4);

        assertThat(push.recipients()).containsExactlyInAnyOrder("owner", "admin", "editor-all", "editor-b1");
        assertThat(push.pushed).allSatisfy(p -> assertThat(p.message()).isEqualTo(message));
    }

    @Test
    void aGoneConnectionIsForgottenAndTheOthersStillReceive() {
        connect("left", Role.OWNER, Set.of());
        connect("here", Role.OWNER, Set.of());
        push.gone.add("left");

        assertThat(publisher.publish("b1", message)).isEqualTo(1);

        assertThat(connections.get("left")).isEmpty();
        assertThat(connections.get("here")).isPresent();
        assertThat(push.recipients()).containsExactly("here");
    }

    @Test
    void aFailingPushSkipsThatConnectionButKeepsIt() {
        connect("flaky", Role.OWNER, Set.of());
        connect("here", Role.OWNER, Set.of());
        LivePublisher failing = new LivePublisher(connections, (id, m) -> {
            if (id.equals("flaky")) {
                throw new IllegalStateException("throttled");
            }
            return push.push(id, m);
        }, clock);

        assertThat(failing.publish("b1", message)).isEqualTo(1);

        assertThat(connections.get("flaky")).isPresent();
    }

    @Test
    void anExpiredRecordReceivesNothing() {
        connect("old", Role.OWNER, Set.of());
        clock.advance(Duration.ofHours(3));

        assertThat(publisher.publish("b1", message)).isZero();
        assertThat(push.pushed).isEmpty();
    }

    private void connect(String id, Role role, Set<String> scope) {
        connections.save(new LiveConnection(id, "user-" + id, role, scope, clock.instant().plus(Duration.ofHours(2))));
    }
}
