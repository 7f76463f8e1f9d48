package io.botfleet.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.local.lambda.Invocation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A local function URL hands its function the event Lambda's function URLs build, and maps answers as they do. */
class FunctionUrlHostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private static final AtomicBoolean failing = new AtomicBoolean();
    private static FunctionUrlHost host;

    @BeforeAll
    static void start() {
        host = FunctionUrlHost.start(0, "abcdefabcdefabcdefabcdefabcdef12", event -> {
            lastEvent.set(read(event));
            return failing.get() ? Invocation.failure("java.lang.IllegalStateException", "boom")
                    : Invocation.success("{\"statusCode\":202,\"headers\":{\"x-a\":\"1\"},\"body\":\"{}\"}".getBytes());
        });
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static JsonNode read(byte[] event) {
        try {
            return JSON.readTree(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(host.url()).resolve(path)).header("content-type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", "s3cret").POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPathReachesTheFunctionAsAPayload20EventWithTheUrlsSentinelValues() throws Exception {
        failing.set(false);
        HttpResponse<String> answer = post("telegram/42?x=1");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.headers().firstValue("x-a")).contains("1");
        JsonNode event = lastEvent.get();
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/telegram/42");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1");
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.path("headers").path("x-telegram-bot-api-secret-token").asText()).isEqualTo("s3cret");
        assertThat(event.path("headers").path("x-forwarded-proto").asText()).isEqualTo("https");
        assertThat(event.path("body").asText()).isEqualTo("{\"update_id\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.path("requestContext");
        assertThat(context.path("accountId").asText()).isEqualTo("anonymous");
        assertThat(context.path("apiId").asText()).isEqualTo("abcdefabcdefabcdefabcdefabcdef12");
        assertThat(context.path("routeKey").asText()).isEqualTo("$default");
        assertThat(context.path("stage").asText()).isEqualTo("$default");
        assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
        assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void beyondTheReservedConcurrencyARequestIsThrottledWithoutReachingTheFunction() throws Exception {
        var inside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var invoked = new java.util.concurrent.atomic.AtomicInteger();
        try (FunctionUrlHost one = FunctionUrlHost.start(0, "abcdefabcdefabcdefabcdefabcdef34", event -> {
            invoked.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Invocation.success("{\"statusCode\":200,\"body\":\"{}\"}".getBytes());
        }, 1)) {
            var first = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(one.url() + "telegram/1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            inside.await();
            HttpResponse<String> second = HTTP.send(HttpRequest.newBuilder(URI.create(one.url() + "telegram/1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            release.countDown();

            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(invoked.get()).isEqualTo(1);
        }
    }

    @Test
    void aFailedInvocationIsA502() throws Exception {
        failing.set(true);
        HttpResponse<String> answer = post("telegram/42");

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(answer.body()).contains("Internal Server Error");
    }
}
