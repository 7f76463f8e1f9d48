package io.botfleet.bench.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code java.net.http.HttpClient} over HTTP/1.1, its blocking {@code send} called from the virtual threads. */
final class JdkHttpClientPoster implements HttpPoster {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Answer post(URI url, String contentType, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
