package io.botfleet.local.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * moto's AWS-protocol server (DynamoDB, S3, Secrets Manager, Scheduler, EventBridge). Reuses a server that already
 * answers at the given endpoint; otherwise starts {@code moto_server} itself and stops it on close.
 */
public final class MotoServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MotoServer.class);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final URI endpoint;
    private final Process process;

    private MotoServer(URI endpoint, Process process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** Uses the server at {@code existing} if it answers, else starts one on a free port. */
    public static MotoServer startOrReuse(URI existing) {
        if (existing != null && answers(existing)) {
            log.info("using the moto server already running at {}", existing);
            return new MotoServer(existing, null);
        }
        int port = existing != null && existing.getPort() > 0 ? existing.getPort() : FreePort.pick();
        return start(port);
    }

    public static MotoServer start(int port) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            Path logFile = Files.createTempFile("moto-" + port + "-", ".log");
            Process process = new ProcessBuilder(command(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            MotoServer server = new MotoServer(endpoint, process);
            server.awaitReady(Duration.ofSeconds(30), logFile);
            log.info("started moto server at {} (log: {})", endpoint, logFile);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server; install it with: pip install \"moto[server]\"", e);
        }
    }

    private static String command() {
        String configured = System.getenv("MOTO_SERVER_COMMAND");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(":"))) {
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "moto_server";
    }

    private void awaitReady(Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(endpoint)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + logFile);
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer within " + timeout + "; see " + logFile);
    }

    public static boolean answers(URI endpoint) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Clears every resource and item: the start of a clean test class. */
    public void reset() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public boolean startedHere() {
        return process != null;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
