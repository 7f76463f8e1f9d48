package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.auth.Role;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's WebSocket on the local stack, end to end through the deployed functions: the template's WebSocket
 * API in front of the live function, a campaign planned and sent by the planner and sender functions from their
 * queues, and every push going through the management API with the pushing function's IAM role.
 */
@LocalAws
class LiveIT {
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static TelegramEmulator telegram;
    static LocalAwsStack aws;
    static LocalDeployment deployment;
    static ApiHarness api;
    static ApiHarness.Session owner;
    static DynamoConnectionStore connections;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        aws = stack;
        telegram = TelegramEmulator.start(0);
        Map<String, String> overrides = Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "PUBLIC_BASE_URL", "http://127.0.0.1:1");
        api = ApiHarness.start(stack, overrides);
        owner = api.setupOwner();
        deployment = LocalDeployment.start(stack, stack.lambda(), new LocalDeployment.Options(overrides, 0, null, true));
        connections = new DynamoConnectionStore(stack.clients().dynamoDb(), stack.resource("EphemeralTable").ref());
    }

    @AfterAll
    static void stop() {
        deployment.close();
        telegram.close();
    }

    @Test
    void aTokenThatIsNotValidIsRefusedAtTheHandshake() {
        assertThatThrownBy(() -> Client.connect("not-an-access-token"))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void theTokenOfASessionThatEndedIsRefusedThoughItHasNotExpired() {
        ApiHarness.Session ended = api.login(owner.email(), ApiHarness.PASSWORD);
        api.call("POST", "/api/auth/logout").as(ended).send().expect(204);

        assertThatThrownBy(() -> Client.connect(ended.accessToken()))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void aCampaignSentByTheSenderReachesTheDashboardAsNewerAndNewerStatesEndingComplete() throws Exception {
        EmulatedBot bot = telegram.createBot("live_bot", "Live");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
        subscribe(botId, 150);
        // a connection whose client is long gone: API Gateway answers 410 for it, and the first push forgets it
        connections.save(new LiveConnection("gone-connection", owner.userId(), Role.OWNER, Set.of(), Instant.now().plusSeconds(600)));
        Client dashboard = Client.connect(owner.accessToken());
        await().atMost(PATIENCE).until(() -> connections.all().size() == 2);

        String campaignId = api.call("POST", "/api/bots/" + botId + "/campaigns").as(owner)
                .json(Map.of("name", "Live", "content", Map.of("text", "Hello", "parseMode", "none")))
                .send().expect(201).json().path("id").asText();
        api.call("POST", "/api/campaigns/" + campaignId + "/start").as(owner).send().expect(200);
        String topic = LiveTopics.campaign(botId, campaignId);

        await().atMost(PATIENCE).until(() -> dashboard.states(topic).stream()
                .anyMatch(m -> m.path("state").path("status").asText().equals("completed")));
        List<JsonNode> states = dashboard.states(topic);
        List<Long> versions = states.stream().map(m -> m.path("version").asLong()).toList();
        assertThat(versions).isSorted().allSatisfy(v -> assertThat(v).isPositive().isLessThan(1L << 53));
        JsonNode last = states.getLast().path("state");
        assertThat(last.path("sent").asLong()).as(last.toString()).isEqualTo(150);
        assertThat(last.path("audienceSize").asLong()).isEqualTo(150);
        assertThat(last.path("queued").asLong()).isZero();
        assertThat(connections.get("gone-connection")).isEmpty();

        // a dashboard that reconnects asks for what it missed and gets the newest states
        Client returning = Client.connect(owner.accessToken());
        returning.send("{\"action\":\"sync\",\"versions\":{\"" + topic + "\":0,\"bot:" + botId + "\":0}}");
        await().atMost(PATIENCE).until(() -> !returning.states(topic).isEmpty() && !returning.states("bot:" + botId).isEmpty());
        assertThat(returning.states(topic).getLast().path("version").asLong()).isEqualTo(versions.getLast());
        assertThat(returning.states("bot:" + botId).getLast().path("state").path("tokenRevoked").asBoolean()).isFalse();

        // closing forgets the connection ($disconnect)
        dashboard.close();
        returning.close();
        await().atMost(PATIENCE).until(() -> connections.all().isEmpty());
    }

    private static void subscribe(String botId, int count) {
        BotTestKit.subscribe(aws, telegram, botId, count, "live_user");
    }

    /** A dashboard's socket: keeps every text frame it receives. */
    static final class Client implements WebSocket.Listener {
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(String token) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
            Client client = new Client();
            String url = deployment.webSocketApis().getFirst().url() + "?token=" + token;
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), client).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(Json.read(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<JsonNode> states(String topic) {
            return new ArrayList<>(received.stream().filter(m -> m.path("topic").asText().equals(topic)).toList());
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}
