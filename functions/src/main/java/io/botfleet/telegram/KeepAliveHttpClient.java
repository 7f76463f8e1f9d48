package io.botfleet.telegram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs to one HTTP/1.1 origin (Telegram's Bot API) over a pool of keep-alive connections, plain or TLS, from any
 * number of threads, each request blocking its (virtual) thread. Written here rather than taken from a library because
 * CPU per request is what limits a paid sender, and the libraries were all far off. Measured with
 * {@code ./botfleet bench telegram-client} (1,000 sends a second, ~100 in flight, against the Telegram emulator in its
 * own process; each client in a JVM like the paid sender's; the client's CPU per 1,000 requests, the same harness
 * without requests subtracted; medians of three runs, two sessions): {@code HttpURLConnection} 208 and 232 ms, Apache
 * HttpClient 5 classic with a pooling manager 172 and 182 (17–22 % less), Jetty 12's client 184 (12 % less),
 * {@code java.net.http.HttpClient} 350; {@link TelegramBotApi} over this client 102 ms with its JSON bodies, against
 * 234 over {@code HttpURLConnection}. It writes each request in one write, reads a {@code Content-Length} or chunked
 * body (or one that ends with the connection), and does nothing else: no cookies, redirects, proxies, compression,
 * retries of requests that were answered, or header maps.
 *
 * <p>Timeouts: {@code connectTimeout} for the TCP connection and the TLS handshake, {@code readTimeout} for the
 * whole response once the request is written (enforced by {@link AnswerDeadlines}, not per read). A reused connection that the server closed while it was idle
 * ends before any byte of a response; the request then goes once more over a new connection, as
 * {@code HttpURLConnection} does: Telegram did not answer it, and a server that drops idle connections has not read
 * what arrives on them. Connections idle longer than {@link #MAX_IDLE} are not reused at all.
 */
final class KeepAliveHttpClient implements AutoCloseable {
    /** Shorter than the idle timeouts of common servers and proxies, so a reused connection is rarely a closed one. */
    static final Duration MAX_IDLE = Duration.ofSeconds(20);
    /** A sender has ~100 requests in flight at 1,000/s; more idle connections than this are closed. */
    private static final int MAX_POOLED = 256;

    /** The request never reached the server: a connection or TLS handshake failed. */
    static final class NotSentException extends IOException {
        NotSentException(IOException cause) {
            super(cause.getClass().getSimpleName(), cause);
        }
    }

    private final String host;
    private final int port;
    private final boolean tls;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final Duration readTimeout;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pooled = new AtomicInteger();
    /** Null until the first TLS connection: a function that never opens one does not pay for the default context. */
    private volatile SSLSocketFactory tlsSockets;

    KeepAliveHttpClient(URI origin, Duration connectTimeout, Duration readTimeout) {
        this(origin, connectTimeout, readTimeout, null);
    }

    /** @param tlsSockets TLS sockets trusting other certificates than the JDK's (a test's); null for the default */
    KeepAliveHttpClient(URI origin, Duration connectTimeout, Duration readTimeout, SSLSocketFactory tlsSockets) {
        this.tlsSockets = tlsSockets;
        String scheme = origin.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("not an http or https URI: " + scheme);
        }
        this.tls = "https".equals(scheme);
        this.host = origin.getHost();
        int defaultPort = tls ? 443 : 80;
        this.port = origin.getPort() < 0 ? defaultPort : origin.getPort();
        this.hostHeader = port == defaultPort ? host : host + ":" + port;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeout = readTimeout;
    }

    /**
     * POSTs {@code body} to {@code path} (absolute, with its query if any) and returns the response, of whatever status.
     *
     * @throws NotSentException if the request could not be sent at all
     * @throws IOException      if it was sent (the server may have acted on it) but no complete response was read;
     *                          never naming the path, which holds a bot's token
     */
    HttpConnection.Response post(String path, String contentType, byte[] body) throws IOException {
        byte[] head = HttpConnection.ascii("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n");
        HttpConnection connection = pooled();
        if (connection != null) {
            try {
                return finish(connection, connection.exchange(head, body));
            } catch (HttpConnection.NoResponseException e) {
                // closed while idle (an end of stream or a reset before any answer): once more on a new connection
                connection.close();
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        connection = open();
        try {
            return finish(connection, connection.exchange(head, body));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private HttpConnection.Response finish(HttpConnection connection, HttpConnection.Response response) {
        if (connection.reusable() && pooled.incrementAndGet() <= MAX_POOLED) {
            idle.addFirst(connection);
        } else {
            if (connection.reusable()) {
                pooled.decrementAndGet();
            }
            connection.close();
        }
        return response;
    }

    /** The most recently used idle connection (the least likely to be closed), or null. */
    private HttpConnection pooled() {
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            pooled.decrementAndGet();
            if (System.nanoTime() - connection.idleSince() < MAX_IDLE.toNanos()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private HttpConnection open() throws NotSentException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (tls) {
                socket.setSoTimeout(connectTimeoutMillis);
                SSLSocketFactory factory = tlsSockets;
                if (factory == null) {
                    factory = (SSLSocketFactory) SSLSocketFactory.getDefault();
                    tlsSockets = factory;
                }
                SSLSocket ssl = (SSLSocket) factory.createSocket(socket, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                // the certificate must be the host's, as a browser checks it
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                socket = ssl;
            }
            socket.setSoTimeout(0);
            return new HttpConnection(socket, readTimeout);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // failing already
            }
            throw new NotSentException(e);
        }
    }

    /** Closes the idle connections; requests under way finish on theirs. */
    @Override
    public void close() {
        HttpConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            pooled.decrementAndGet();
            connection.close();
        }
    }
}
