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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local HTTP API builds the payload-2.0 event API Gateway builds, reads answers as it does, and keeps its limits. */
class HttpApiGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicReference<JsonNode> lastEvent = new AtomicReference<>();
    private static HttpApiGateway gateway;

    @BeforeAll
    static void start() {
        gateway = HttpApiGateway.start(0, List.of(
                new HttpApiGateway.Route("POST", "/items/{id}", event -> {
                    lastEvent.set(read(event));
                    return Invocation.success("{\"statusCode\":201,\"headers\":{\"x-a\":\"1\"},\"cookies\":[\"s=1\"],\"body\":\"made\"}".getBytes());
                }),
                new HttpApiGateway.Route("ANY", "/plain/{proxy+}", event -> Invocation.success("{\"ok\":true}".getBytes())),
                new HttpApiGateway.Route("GET", "/broken", event -> Invocation.failure("java.lang.IllegalStateException", "boom"))),
                null);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static JsonNode read(byte[] event) {
        try {
            return JSON.readTree(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path));
    }

    @Test
    void aRouteGetsAPayloadTwoEventAndItsAnswerBecomesTheResponse() throws Exception {
        HttpResponse<String> response = send(at("/items/a%20b?x=1&x=2&y=").header("Cookie", "c1=v1; c2=v2")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("made");
        assertThat(response.headers().firstValue("x-a")).hasValue("1");
        assertThat(response.headers().firstValue("set-cookie")).hasValue("s=1");

        JsonNode event = lastEvent.get();
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("POST /items/{id}");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("a b");
        assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
        assertThat(event.path("headers").has("cookie")).isFalse();
        assertThat(event.path("headers").path("content-type").asText()).isEqualTo("application/json");
        assertThat(event.path("requestContext").path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("body").asText()).isEqualTo("{\"k\":1}");
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void binaryBodiesAreBase64Encoded() throws Exception {
        byte[] bytes = {(byte) 0xFF, 0, 1, 2};
        send(at("/items/1").header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(lastEvent.get().path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(lastEvent.get().path("body").asText())).isEqualTo(bytes);
    }

    @Test
    void anAnswerWithoutStatusCodeIsA200WithThatJsonAndAFunctionErrorIsA500() throws Exception {
        HttpResponse<String> plain = send(at("/plain/a/b").GET());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo("{\"ok\":true}");
        HttpResponse<String> broken = send(at("/broken").GET());
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void bodiesOverTenMegabytesNeverReachTheFunction() throws Exception {
        lastEvent.set(null);
        HttpResponse<String> response = send(at("/items/1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpApiGateway.BODY_LIMIT + 1])));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(lastEvent.get()).isNull();
        assertThat(send(at("/nowhere").GET()).statusCode()).isEqualTo(404);
    }
}
