package io.botfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The one-command stack: up and healthy, and honest about a dependency that goes down. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunnerTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalRunner runner;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(RunnerOptions.ephemeral());
        // a generous bound: the first health check starts ApiFunction's JVM (the start-up figure is a benchmark's)
        assertThat(runner.awaitHealthy(Duration.ofSeconds(90))).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(runner.baseUrl().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void healthReportsEveryDependencyUp() throws Exception {
        HttpResponse<String> response = get("/api/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"");
        for (String dependency : new String[] {"dynamodb", "sqs", "s3", "secrets", "telegram"}) {
            assertThat(response.body()).contains("\"" + dependency + "\":{\"status\":\"up\"");
        }
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    @Order(2)
    void unknownApiRouteIsAProblem() throws Exception {
        HttpResponse<String> response = get("/api/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"NO_ROUTE\"");
    }

    @Test
    @Order(3)
    void theDashboardsWebSocketIsServedAndRefusesAConnectionWithoutAValidToken() {
        var handshake = http.newWebSocketBuilder().buildAsync(URI.create(runner.wsUrl() + "?token=none"),
                new WebSocket.Listener() { });
        assertThat(handshake).failsWithin(Duration.ofSeconds(120)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    @Order(3)
    void dashboardIsServedAtRoot() throws Exception {
        HttpResponse<String> response = get("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    }

    @Test
    @Order(4)
    void configJsonTellsTheDashboardWhereTheApiIs() throws Exception {
        HttpResponse<String> response = get("/config.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"apiBaseUrl\":\"" + runner.baseUrl() + "\",\"wsUrl\":\"" + runner.wsUrl() + "\"}");
    }

    @Test
    @Order(10)
    void healthAnswers503NamingTheDependencyThatIsDown() throws Exception {
        runner.telegram().close();
        HttpResponse<String> response = get("/api/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"DEPENDENCY_DOWN\"").contains("Down: telegram");
        assertThat(response.body()).contains("\"dynamodb\":{\"status\":\"up\"");
    }
}
