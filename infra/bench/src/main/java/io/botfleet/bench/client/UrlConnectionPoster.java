package io.botfleet.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/** The JDK's {@link HttpURLConnection} with its keep-alive cache, as the sender used it until this comparison. */
final class UrlConnectionPoster implements HttpPoster {
    UrlConnectionPoster() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    @Override
    public Answer post(URI url, String contentType, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setDoOutput(true);
        connection.setRequestProperty("content-type", contentType);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }
}
