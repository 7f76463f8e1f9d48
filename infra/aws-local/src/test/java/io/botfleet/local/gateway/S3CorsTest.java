package io.botfleet.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.botfleet.local.LocalAwsStack;
import io.botfleet.local.junit.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The media bucket answers browsers as S3 would from template.yaml's CorsConfiguration: preflights from the
 * dashboard's origin for its methods and headers only, and the Access-Control headers on the upload itself.
 */
@LocalAws
class S3CorsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void preflightsFromTheDashboardOriginAreAllowedForTheConfiguredMethodsAndHeadersOnly(LocalAwsStack stack) throws Exception {
        URI object = URI.create(stack.gatewayEndpoint() + "/" + stack.resource("MediaBucket").ref() + "/uploads/x");

        HttpResponse<String> allowed = preflight(object, "http://localhost:8080", "PUT", "content-type");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:8080");
        assertThat(allowed.headers().firstValue("access-control-allow-methods")).hasValue("PUT, GET");
        assertThat(allowed.headers().firstValue("access-control-allow-headers")).hasValue("content-type");
        assertThat(allowed.headers().firstValue("access-control-max-age")).hasValue("600");
        assertThat(allowed.headers().firstValue("access-control-expose-headers")).hasValue("ETag");

        assertThat(preflight(object, "http://localhost:8080", "PUT", "Content-Type, X-Amz-Date").statusCode()).isEqualTo(200);
        assertThat(preflight(object, "http://evil.example", "PUT", "content-type").statusCode()).isEqualTo(403);
        assertThat(preflight(object, "http://localhost:8080", "DELETE", null).statusCode()).isEqualTo(403);
        assertThat(preflight(object, "http://localhost:8080", "PUT", "content-type, authorization").statusCode()).isEqualTo(403);
        assertThat(preflight(object, null, "PUT", null).statusCode()).isEqualTo(400);
        // a bucket without a CorsConfiguration
        URI other = URI.create(stack.gatewayEndpoint() + "/" + stack.resource("DashboardBucket").ref() + "/a");
        HttpResponse<String> disabled = preflight(other, "http://localhost:8080", "GET", null);
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).contains("CORS is not enabled for this bucket");
    }

    @Test
    void theOriginsFollowTheDashboardOriginTheDeploymentGives(LocalAwsStack stack) throws Exception {
        URI object = URI.create(stack.gatewayEndpoint() + "/" + stack.resource("MediaBucket").ref() + "/uploads/x");
        try {
            stack.deployParameters(Map.of("DashboardOrigin", "http://127.0.0.1:4321"));
            assertThat(preflight(object, "http://127.0.0.1:4321", "PUT", "content-type").statusCode()).isEqualTo(200);
            assertThat(preflight(object, "http://localhost:8080", "PUT", "content-type").statusCode()).isEqualTo(403);
        } finally {
            stack.deployParameters(Map.of());
        }
    }

    @Test
    void aPresignedPutFromTheDashboardCarriesTheAllowHeaders(LocalAwsStack stack) throws Exception {
        String bucket = stack.resource("MediaBucket").ref();
        try (S3Presigner presigner = Sdk.presigner(stack, "ApiFunction")) {
            URI url = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(bucket).key("uploads/cors").contentType("text/plain").contentLength(3L)))
                    .url().toString());
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(url).header("content-type", "text/plain")
                    .header("Origin", "http://localhost:8080").PUT(HttpRequest.BodyPublishers.ofString("abc")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.headers().firstValue("access-control-allow-origin")).hasValue("http://localhost:8080");
            assertThat(put.headers().firstValue("access-control-expose-headers")).hasValue("ETag");

            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(url).header("content-type", "text/plain")
                    .header("Origin", "http://evil.example").PUT(HttpRequest.BodyPublishers.ofString("abc")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.headers().firstValue("access-control-allow-origin")).isEmpty();
        }
    }

    private HttpResponse<String> preflight(URI uri, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", method);
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
