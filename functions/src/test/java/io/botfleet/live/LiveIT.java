package io.botfleet.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.ApiHarness;
import io.botfleet.api.OnDeployedPlatform;
import io.botfleet.auth.Role;
import io.botfleet.bots.BotTestKit;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.shared.json.Json;
import io.botfleet.telegram.emulator.EmulatedBot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's WebSocket on the local stack, end to end through the deployed functions: the template's WebSocket
 * API in front of the live function, a campaign planned and sent by the planner and sender functions from their
 * queues, and every push going through the management API with the pushing function's IAM role.
 */
class LiveIT extends OnDeployedPlatform {
    static DynamoConnectionStore connections;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        connections = new DynamoConnectionStore(stack.clients().dynamoDb(), stack.resource("EphemeralTable").ref());
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

    @Test
    void aWebhookStateTheHeartbeatChangesReachesTheDashboardAsANewerVersionOfTheBot() throws Exception {
        EmulatedBot bot = telegram.createBot("moved_bot", "Moved");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);
        long before = api.call("PATCH", "/api/bots/" + botId).as(owner).json(Map.of("webhookPolicy", "leave"))
                .send().expect(200).json().path("version").asLong();
        // someone points the bot's webhook elsewhere, as another tool holding the token could
        HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot"
                        + bot.token() + "/setWebhook?url=https://elsewhere.example/hook")).POST(
                        java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        Client dashboard = Client.connect(owner.accessToken());
        String topic = "bot:" + botId;

        aws.lambda().function("HeartbeatFunction", Map.of("TELEGRAM_API_BASE", telegram.baseUrl(),
                "PUBLIC_BASE_URL", "http://127.0.0.1:1")).invoke(
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("..", "infra", "events", "schedule-heartbeat.json")));

        await().atMost(PATIENCE).until(() -> dashboard.states(topic).stream()
                .anyMatch(m -> m.path("state").path("webhookState").asText().equals("detached")));
        JsonNode pushed = dashboard.states(topic).stream()
                .filter(m -> m.path("state").path("webhookState").asText().equals("detached")).findFirst().orElseThrow();
        assertThat(pushed.path("version").asLong()).isGreaterThan(before);
        assertThat(api.call("GET", "/api/bots/" + botId).as(owner).send().expect(200).json().path("version").asLong())
                .as("the API's version of the bot is the pushed one").isEqualTo(pushed.path("version").asLong());
        dashboard.close();
    }

    @Test
    void aUserWhoseRoleChangesHasTheirOpenConnectionClosedAndComesBackAsTheyAreNow() throws Exception {
        ApiHarness.Session analyst = api.createUser(owner, "analyst", List.of());
        Client dashboard = Client.connect(analyst.accessToken());
        await().atMost(PATIENCE).until(() -> connections.all().stream().anyMatch(c -> c.userId().equals(analyst.userId())));

        api.call("PATCH", "/api/users/" + analyst.userId()).as(owner).json(Map.of("role", "editor", "botIds", List.of("1")))
                .send().expect(200);

        await().atMost(PATIENCE).until(dashboard::closed);
        assertThat(connections.all()).noneMatch(c -> c.userId().equals(analyst.userId()));
        Client again = Client.connect(analyst.accessToken());
        await().atMost(PATIENCE).until(() -> connections.all().stream().anyMatch(c -> c.userId().equals(analyst.userId())));
        assertThat(connections.all().stream().filter(c -> c.userId().equals(analyst.userId())).findFirst().orElseThrow())
                .satisfies(c -> {
                    assertThat(c.role()).isEqualTo(Role.EDITOR);
                    assertThat(c.botScope()).containsExactly("1");
                });
        again.close();
    }

    /** Active subscribers as the webhook records them on /start. */
    private static void subscribe(String botId, int count) {
        BotTestKit.subscribe(aws, telegram, botId, count, "live_user");
    }

    /** A dashboard's socket: keeps every text frame it receives. */
    static final class Client implements WebSocket.Listener {
        private final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean closed;
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

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        boolean closed() {
            return closed;
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
