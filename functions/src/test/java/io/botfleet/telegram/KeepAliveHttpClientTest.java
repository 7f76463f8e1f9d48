package io.botfleet.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepAliveHttpClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KeepAliveHttpClient client(ScriptedHttpServer server) {
        return new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + server.port() + "/"), TIMEOUT, TIMEOUT);
    }

    private static String post(KeepAliveHttpClient client, String body) throws IOException {
        HttpConnection.Response response = client.post("/bot1:secret/sendMessage", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        return response.status() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void sendsOneRequestAfterAnotherOverOneKeepAliveConnectionReadingContentLengthBodies() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            while (exchange.request() != null) {
                exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}");
            }
        }); KeepAliveHttpClient client = client(server)) {
            assertThat(post(client, "{\"chat_id\":1}")).isEqualTo("200 {\"ok\":true}");
            assertThat(post(client, "{\"chat_id\":2}")).isEqualTo("200 {\"ok\":true}");

            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.requests().getFirst()).startsWith("POST /bot1:secret/sendMessage HTTP/1.1\n")
                    .contains("Host: 127.0.0.1:" + server.port() + "\n", "Content-Type: application/json\n",
                            "Content-Length: 13\n").endsWith("\n\n{\"chat_id\":1}");
        }
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailersAndKeepsTheConnection() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            while (exchange.request() != null) {
                exchange.write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "6;ext=1\r\n{\"ok\":\r\n" + "c\r\nfalse,\"x\":1}\r\n" + "0\r\nX-Trailer: y\r\n\r\n");
            }
        }); KeepAliveHttpClient client = client(server)) {
            assertThat(post(client, "{}")).isEqualTo("429 {\"ok\":false,\"x\":1}");
            assertThat(post(client, "{}")).isEqualTo("429 {\"ok\":false,\"x\":1}");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnectionWhichIsNotReused() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            exchange.write("HTTP/1.0 200 OK\r\n\r\n{\"n\":" + n + "}");
        }); KeepAliveHttpClient client = client(server)) {
            assertThat(post(client, "{}")).isEqualTo("200 {\"n\":0}");
            assertThat(post(client, "{}")).isEqualTo("200 {\"n\":1}");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aConnectionCloseAnswerIsNotReused() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            exchange.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
            // and the connection stays open: only the header says it will not carry another request
            exchange.request();
        }); KeepAliveHttpClient client = client(server)) {
            post(client, "{}");
            post(client, "{}");
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void aKeptConnectionTheServerClosedMeanwhileIsReplacedAndTheRequestSentOnTheNewOne() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            // keep-alive by the headers, closed right after (as a server's idle timeout closes it)
            exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n{\"n\":" + n + "}");
        }); KeepAliveHttpClient client = client(server)) {
            assertThat(post(client, "{}")).isEqualTo("200 {\"n\":0}");
            assertThat(post(client, "{}")).isEqualTo("200 {\"n\":1}");
            assertThat(server.requests()).as("the closed connection's request was never read").hasSize(2);
        }
    }

    @Test
    void anAnswerThatStopsHalfWayIsAnErrorAndNotSentAgain() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            exchange.request();
            exchange.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\"");
        }); KeepAliveHttpClient client = client(server)) {
            post(client, "{}");
            assertThatThrownBy(() -> post(client, "{}")).isInstanceOf(EOFException.class)
                    .isNotInstanceOf(KeepAliveHttpClient.NotSentException.class);
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsATimeoutOfARequestThatWasSent() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }); KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + server.port()),
                TIMEOUT, Duration.ofMillis(200))) {
            assertThatThrownBy(() -> post(client, "{}")).isInstanceOf(SocketTimeoutException.class);
        } finally {
            end.countDown();
        }
    }

    @Test
    void theReadTimeoutBoundsTheWholeAnswerNotEachRead() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        try (ScriptedHttpServer server = new ScriptedHttpServer((n, exchange) -> {
            exchange.request();
            // a byte of the head every 50 ms: each read is quick, the answer never completes in time
            for (char c : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".toCharArray()) {
                if (end.getCount() == 0) {
                    return;
                }
                exchange.write(String.valueOf(c));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }); KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + server.port()),
                TIMEOUT, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> post(client, "{}")).isInstanceOf(SocketTimeoutException.class);
        } finally {
            end.countDown();
        }
    }

    @Test
    void aServerThatIsNotThereIsARequestNeverSent() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (KeepAliveHttpClient client = new KeepAliveHttpClient(URI.create("http://127.0.0.1:" + port), TIMEOUT, TIMEOUT)) {
            assertThatThrownBy(() -> post(client, "{}")).isInstanceOf(KeepAliveHttpClient.NotSentException.class)
                    .hasMessageNotContaining("secret");
        }
    }

    @Test
    void speaksTlsCheckingTheServersCertificateAndName(@TempDir Path dir) throws Exception {
        SSLContext tls = selfSigned(dir);
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        try (ScriptedHttpServer server = new ScriptedHttpServer(socket, (n, exchange) -> {
            while (exchange.request() != null) {
                exchange.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            }
        })) {
            URI origin = URI.create("https://127.0.0.1:" + server.port());
            try (KeepAliveHttpClient trusting = new KeepAliveHttpClient(origin, TIMEOUT, TIMEOUT, tls.getSocketFactory())) {
                assertThat(post(trusting, "{}")).isEqualTo("200 {}");
                assertThat(post(trusting, "{}")).isEqualTo("200 {}");
                assertThat(server.connections()).isEqualTo(1);
            }
            // the JDK's trust store does not know the certificate: the handshake fails before anything is sent
            try (KeepAliveHttpClient strict = new KeepAliveHttpClient(origin, TIMEOUT, TIMEOUT)) {
                assertThatThrownBy(() -> post(strict, "{}")).isInstanceOf(KeepAliveHttpClient.NotSentException.class);
            }
            // nor does a certificate for 127.0.0.1 stand for another name
            try (KeepAliveHttpClient otherName = new KeepAliveHttpClient(URI.create("https://localhost:" + server.port()),
                    TIMEOUT, TIMEOUT, tls.getSocketFactory())) {
                assertThatThrownBy(() -> post(otherName, "{}")).isInstanceOf(KeepAliveHttpClient.NotSentException.class);
            }
        }
    }

    /** A key and a certificate for 127.0.0.1 made by the JDK's keytool, trusted by the context it returns. */
    private static SSLContext selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output;
        try (InputStream out = keytool.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, password);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
        return context;
    }
}
