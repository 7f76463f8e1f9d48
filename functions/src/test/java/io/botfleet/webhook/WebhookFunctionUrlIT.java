package io.botfleet.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.botfleet.api.ApiHarness;
import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.LocalDeployment;
import io.botfleet.local.junit.LocalAws;
import io.botfleet.telegram.emulator.EmulatedBot;
import io.botfleet.telegram.emulator.EmulatedUser;
import io.botfleet.telegram.emulator.TelegramEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Telegram's way in as deployed: the template's FunctionUrlConfig served by the local deployment on a host of its own,
 * the API pointing a registered bot's webhook at {@code <function URL>telegram/<botId>} (the URL it takes from the
 * template, not from a test), and the emulator's updates reaching the real webhook handler through that URL.
 */
@LocalAws
class WebhookFunctionUrlIT {
    static final HttpClient http = HttpClient.newHttpClient();
    static TelegramEmulator telegram;
    static LocalDeployment deployment;
    static ApiHarness api;
    static ApiHarness.Session owner;

    @BeforeAll
    static void start(LocalAwsStack stack) {
        telegram = TelegramEmulator.start(0);
        Map<String, String> overrides = Map.of("TELEGRAM_API_BASE", telegram.baseUrl(), "PUBLIC_BASE_URL", "http://127.0.0.1:1");
        // the deployment first: functions started after it find the function URL's local host in their environment
        deployment = LocalDeployment.start(stack, stack.lambda(), new LocalDeployment.Options(overrides, 0, null, false));
        api = ApiHarness.start(stack, overrides);
        owner = api.setupOwner();
    }

    @AfterAll
    static void stop() {
        deployment.close();
        telegram.close();
    }

    @Test
    void aRegisteredBotsUpdatesReachTheWebhookThroughItsFunctionUrl() throws Exception {
        EmulatedBot bot = telegram.createBot("url_bot", "Url");
        String botId = Long.toString(bot.id());
        api.call("POST", "/api/bots").as(owner).json(Map.of("token", bot.token())).send().expect(201);

        String webhookUrl = deployment.functionUrl("WebhookFunction") + "telegram/" + botId;
        assertThat(telegram.webhookInfo(bot.id()).url()).isEqualTo(webhookUrl);

        EmulatedUser user = telegram.createUser("Ada", "ada", "en");
        telegram.userSendsStart(bot.id(), user.id(), "url");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> api.call("GET",
                "/api/bots/" + botId + "/subscribers").as(owner).query("status", "active").send().expect(200)
                .json().path("items").size() == 1);
        assertThat(telegram.webhookInfo(bot.id()).pendingUpdateCount()).isZero();
        assertThat(send(HttpRequest.newBuilder(URI.create(webhookUrl)).header("x-telegram-bot-api-secret-token", "not-it")
                .POST(body()))).isEqualTo(401);
    }

    @Test
    void otherPathsAndMethodsOfTheUrlAreRefusedBeforeTheService() throws Exception {
        String base = deployment.functionUrl("WebhookFunction");
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "telegram/123")).GET())).isEqualTo(405);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "api/bots")).POST(body()))).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(base)).GET())).isEqualTo(404);
    }

    private static HttpRequest.BodyPublisher body() {
        return HttpRequest.BodyPublishers.ofString("{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"}}}");
    }

    private static int send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("content-type", "application/json").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
