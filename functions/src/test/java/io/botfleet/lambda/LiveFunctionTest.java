package io.botfleet.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import io.botfleet.auth.Principal;
import io.botfleet.auth.Role;
import io.botfleet.auth.TokenService;
import io.botfleet.auth.User;
import io.botfleet.broadcast.InMemoryBroadcast;
import io.botfleet.broadcast.campaign.Campaign;
import io.botfleet.broadcast.campaign.CampaignStatus;
import io.botfleet.live.CampaignFeed;
import io.botfleet.live.InMemoryConnectionStore;
import io.botfleet.live.LiveMessage;
import io.botfleet.live.LivePublisher;
import io.botfleet.live.LivePush;
import io.botfleet.live.LiveSync;
import io.botfleet.live.LiveTopics;
import io.botfleet.shared.ids.Ulid;
import io.botfleet.shared.secrets.PlatformKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveFunctionTest {
    final InMemoryBroadcast world = new InMemoryBroadcast();
    final TokenService tokens = new TokenService(() -> PlatformKeys.fromSeed("a-test-seed-that-is-long-enough-for-hkdf-0123456789"));
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final List<LiveMessage> pushed = new ArrayList<>();
    final LivePush push = (id, m) -> {
        pushed.add(m);
        return LivePush.Result.DELIVERED;
    };
    final LivePublisher publisher = new LivePublisher(connections, push, world.clock);
    /** As SignIn does, less the stored user and session (unit-tested with SignIn; LiveIT runs the real one). */
    final LiveFunction live = new LiveFunction(token -> {
        TokenService.AccessClaims claims = tokens.verify(token, world.clock.instant());
        return new Principal(Principal.Kind.USER, claims.userId(), "E", claims.role(), claims.role().permissions(),
                claims.botIds(), claims.sessionId());
    }, connections,
            new LiveSync(List.of(new CampaignFeed(world.campaigns, publisher, (c, p) -> Map.of())), publisher), world.clock);

    @Test
    void aValidTokenConnectsWithItsRoleAndScope() {
        assertThat(live.apply(connect("c1", token(Role.EDITOR, Set.of("7")))).getStatusCode()).isEqualTo(200);

        assertThat(connections.get("c1")).hasValueSatisfying(c -> {
            assertThat(c.role()).isEqualTo(Role.EDITOR);
            assertThat(c.botScope()).containsExactly("7");
            assertThat(c.expiresAt()).isEqualTo(world.clock.instant().plus(LiveFunction.CONNECTION_LIFETIME));
        });
    }

    @Test
    void anInvalidOrMissingTokenIsRefusedWith401() {
        assertThat(live.apply(connect("c1", "not-a-jwt")).getStatusCode()).isEqualTo(401);
        assertThat(live.apply(connect("c2", null)).getStatusCode()).isEqualTo(401);
        assertThat(connections.all()).isEmpty();
    }

    @Test
    void disconnectForgetsTheConnection() {
        live.apply(connect("c1", token(Role.OWNER, Set.of())));

        live.apply(event("$disconnect", "c1", null));

        assertThat(connections.get("c1")).isEmpty();
    }

    @Test
    void syncPushesNewerStatesOnlyToAKnownConnection() {
        Campaign c = world.campaign(CampaignStatus.RUNNING);
        String body = "{\"action\":\"sync\",\"versions\":{\"" + LiveTopics.campaign(c.botId(), c.id()) + "\":0}}";

        assertThat(live.apply(event("sync", "stranger", body)).getStatusCode()).isEqualTo(403);
        live.apply(connect("c1", token(Role.OWNER, Set.of())));
        assertThat(live.apply(event("sync", "c1", body)).getStatusCode()).isEqualTo(200);
        assertThat(live.apply(event("sync", "c1", "{not json")).getStatusCode()).isEqualTo(400);

        assertThat(pushed).singleElement().satisfies(m -> assertThat(m.topic()).endsWith(c.id()));
    }

    private String token(Role role, Set<String> bots) {
        User user = new User(Ulid.next(world.clock.instant()), "e@example.com", "E", role, bots, User.Status.ACTIVE, "hash",
                world.clock.instant(), null, 1);
        return tokens.issue(user, Ulid.next(world.clock.instant()), world.clock.instant());
    }

    private static APIGatewayV2WebSocketEvent connect(String connectionId, String token) {
        APIGatewayV2WebSocketEvent event = event("$connect", connectionId, null);
        if (token != null) {
            event.setQueryStringParameters(Map.of("token", token));
        }
        return event;
    }

    private static APIGatewayV2WebSocketEvent event(String route, String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(route);
        context.setConnectionId(connectionId);
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }
}
