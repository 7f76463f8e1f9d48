package io.botfleet.bench.client;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/** Jetty 12's client (asynchronous underneath), its blocking {@code send} called from the virtual threads. */
final class JettyPoster implements HttpPoster {
    private final HttpClient client = new HttpClient();

    JettyPoster() throws Exception {
        client.setMaxConnectionsPerDestination(256);
        client.setConnectTimeout(5_000);
        client.setFollowRedirects(false);
        client.start();
    }

    @Override
    public Answer post(URI url, String contentType, byte[] body) throws IOException {
        try {
            ContentResponse response = client.newRequest(url).method(HttpMethod.POST).timeout(30, TimeUnit.SECONDS)
                    .body(new BytesRequestContent(contentType, body)).send();
            return new Answer(response.getStatus(), response.getContent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
