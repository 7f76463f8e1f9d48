package io.botfleet.telegram.emulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server that never finishes answering fails the fetch once the (here short) timeout is over. The servers below
 * stall until the test ends, so the fetch can only end by the timeout, however fast or slow the machine is.
 */
class MediaFetcherTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void aServerThatNeverAnswersFailsTheFetch() throws Exception {
        assertThat(fetchFrom(false)).isEqualTo(MediaRejection.Reason.FETCH_FAILED);
    }

    @Test
    void aServerThatStallsInTheMiddleOfTheBodyFailsTheFetch() throws Exception {
        assertThat(fetchFrom(true)).isEqualTo(MediaRejection.Reason.FETCH_FAILED);
    }

    private static MediaRejection.Reason fetchFrom(boolean sendHeaders) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             HttpClient client = HttpClient.newHttpClient()) {
            Thread.ofVirtual().start(() -> stall(server, sendHeaders, done));
            MediaFetcher fetcher = new MediaFetcher(client, SHORT);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/slow.png";
            try {
                fetcher.fetch("photo", url);
                throw new AssertionError("the fetch succeeded");
            } catch (MediaRejection rejected) {
                return rejected.reason();
            }
        } finally {
            done.countDown();
        }
    }

    private static void stall(ServerSocket server, boolean sendHeaders, CountDownLatch done) {
        try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
            if (sendHeaders) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\n\u0089PNG")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            done.await();
        } catch (IOException | InterruptedException ignored) {
            // the test is over
        }
    }

    @Test
    void aMalformedUrlIsAWrongUrlNotAFailedFetch() {
        try (HttpClient client = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> new MediaFetcher(client, SHORT).fetch("photo", "https://"))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("Bad Request: wrong HTTP URL specified");
        }
    }
}
