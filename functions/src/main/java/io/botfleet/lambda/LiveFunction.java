package io.botfleet.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.botfleet.auth.Principal;
import io.botfleet.auth.TokenService;
import io.botfleet.live.ConnectionStore;
import io.botfleet.live.LiveConnection;
import io.botfleet.live.LiveSync;
import io.botfleet.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's WebSocket API: {@code $connect} admits a client whose {@code token} query parameter is a valid
 * access token of an active user and a live session (anything else answers 401, which refuses the handshake) and
 * remembers what the stored user may see;
 * {@code $disconnect} forgets it; {@code sync} pushes the states of the topics it names that are newer than the
 * versions it holds. States themselves travel through the management API, not in these answers.
 */
public final class LiveFunction implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger log = LoggerFactory.getLogger(LiveFunction.class);
    /** API Gateway closes a WebSocket after two hours at most; the record lapses with it. */
    static final Duration CONNECTION_LIFETIME = Duration.ofHours(2);

    /** What a client sends to catch up: {@code {"action":"sync","versions":{"<topic>":<version>}}}. */
    record SyncRequest(String action, Map<String, Long> versions) {}

    private final Function<String, Principal> authenticator;
    private final ConnectionStore connections;
    private final LiveSync sync;
    private final Clock clock;

    /** @param authenticator the user an access token stands for (refuses with {@link TokenService.InvalidTokenException}) */
    LiveFunction(Function<String, Principal> authenticator, ConnectionStore connections, LiveSync sync, Clock clock) {
        this.authenticator = authenticator;
        this.connections = connections;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2WebSocketResponse apply(APIGatewayV2WebSocketEvent event) {
        String connectionId = event.getRequestContext().getConnectionId();
        return switch (event.getRequestContext().getRouteKey()) {
            case "$connect" -> connect(connectionId, Optional.ofNullable(event.getQueryStringParameters())
                    .map(q -> q.get("token")).orElse(null));
            case "$disconnect" -> {
                connections.delete(connectionId);
                yield status(200);
            }
            case "sync" -> sync(connectionId, event.getBody());
            // any other message: nothing to do, and nothing sent back
            default -> status(200);
        };
    }

    private APIGatewayV2WebSocketResponse connect(String connectionId, String token) {
        Principal user;
        try {
            user = authenticator.apply(token);
        } catch (TokenService.InvalidTokenException e) {
            log.info("connection {} refused: {}", connectionId, e.getMessage());
            return status(401);
        }
        connections.save(new LiveConnection(connectionId, user.id(), user.role(), user.botScope(),
                clock.instant().plus(CONNECTION_LIFETIME)));
        return status(200);
    }

    private APIGatewayV2WebSocketResponse sync(String connectionId, String body) {
        Optional<LiveConnection> connection = connections.get(connectionId);
        if (connection.isEmpty()) {
            return status(403);
        }
        SyncRequest request;
        try {
            request = Json.read(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), SyncRequest.class);
        } catch (RuntimeException e) {
            return status(400);
        }
        int sent = request.versions() == null ? 0 : sync.sync(connection.get(), request.versions());
        log.debug("connection {} synced: {} newer states", connectionId, sent);
        return status(200);
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }
}
